import type { Migration } from './migration.js'

/**
 * Each plugin's key-value store, keyed by bot and plugin alias so no plugin reaches another's keys. The
 * value is JSON (with dates tagged), so `find` filters and sorts on its fields in SQL.
 */
export const pluginKv: Migration = {
  version: 9,
  name: 'plugin-kv',
  sql: `
  CREATE TABLE parley_plugin_kv (
    bot_id text NOT NULL,
    plugin text NOT NULL,
    key text NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, plugin, key)
  )`,
}
