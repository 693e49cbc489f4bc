export { createWebhookDeliveries, DELIVERY_LIMITS } from './webhook-deliveries.js'
