export { createWebhookDeliveries, DELIVERY_LIMITS, expireWebhookDeliveries } from './webhook-deliveries.js'
