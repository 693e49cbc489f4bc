import type { Migration } from './migration.js'

/**
 * The deliveries each plugin's webhooks handled, by the sender's delivery id, so a delivery sent again is
 * not handled twice. Kept apart from the plugin's key-value store, which the plugin reads and writes
 * itself; records a day old are dropped as new ones arrive. Records an earlier version kept in the
 * plugin's store move here.
 */
export const webhookDeliveries: Migration = {
  version: 18,
  name: 'webhook-deliveries',
  sql: `
  CREATE TABLE parley_webhook_deliveries (
    bot_id text NOT NULL,
    plugin text NOT NULL,
    webhook text NOT NULL,
    delivery text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, plugin, webhook, delivery)
  );
  CREATE INDEX parley_webhook_deliveries_age ON parley_webhook_deliveries (bot_id, plugin, received_at);
  INSERT INTO parley_webhook_deliveries (bot_id, plugin, webhook, delivery, received_at)
    SELECT bot_id, plugin, split_part(rest, ':', 1), substr(rest, length(split_part(rest, ':', 1)) + 2), updated_at
    FROM (SELECT bot_id, plugin, substr(key, 25) AS rest, updated_at FROM parley_plugin_kv WHERE left(key, 24) = 'parley:webhook-delivery:') AS old
    WHERE position(':' in rest) > 0
    ON CONFLICT DO NOTHING;
  DELETE FROM parley_plugin_kv WHERE left(key, 24) = 'parley:webhook-delivery:'`,
}
