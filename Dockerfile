# syntax=docker/dockerfile:1
# A Parley server image: builds Parley and runs `parley serve`, a runtime for many bots that takes them from
# `parley deploy` (PostgreSQL when DATABASE_URL is set, else the embedded database in the /data volume).
# Build:  docker build -t parley .
# Run:    docker compose up                 (with PostgreSQL; see compose.yaml and the README)
# Deploy: npx parley deploy --url http://localhost:3000 --token <admin token>   (in a bot's directory)

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /parley
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@parley/cli... --filter=@parley/interfaces --output-logs=errors-only

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /parley
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /parley /parley
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "packages/cli/bin/parley.js", "serve", "--data", "/data"]
