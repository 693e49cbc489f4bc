# syntax=docker/dockerfile:1
# A Parley server image: builds this repository and the bot in $BOT, and runs it with `parley start`
# (PostgreSQL when DATABASE_URL is set, else the embedded database under /parley/$BOT/.parley-data).
# Build:  docker build -t parley .          (or: docker build --build-arg BOT=bots/hello-world -t parley .)
# Run:    docker compose up                 (with PostgreSQL; see compose.yaml and the README)

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /parley
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
COPY . .
ARG BOT=bots/demo
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@parley/cli... --filter="./${BOT}..." --output-logs=errors-only \
 && node packages/cli/bin/parley.js build --cwd "${BOT}"

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /parley
ARG BOT=bots/demo
ENV NODE_ENV=production BOT=${BOT} HOST=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /parley /parley
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["sh", "-c", "exec node packages/cli/bin/parley.js start \"$BOT\""]
