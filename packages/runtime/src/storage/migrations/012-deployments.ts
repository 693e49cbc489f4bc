import type { Migration } from './migration.js'

/**
 * The versions of each bot uploaded to a `parley serve` runtime: its bundled code and definition as
 * JavaScript text, so that any process on the database can run it, and which version is the one served.
 * At most one version of a bot is active (the partial unique index).
 */
export const deployments: Migration = {
  version: 12,
  name: 'deployments',
  sql: `
  CREATE TABLE parley_deployments (
    bot_id text NOT NULL,
    version integer NOT NULL,
    bundle text NOT NULL,
    definition text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    active boolean NOT NULL DEFAULT false,
    PRIMARY KEY (bot_id, version)
  );
  CREATE UNIQUE INDEX parley_deployments_active ON parley_deployments (bot_id) WHERE active`,
}
