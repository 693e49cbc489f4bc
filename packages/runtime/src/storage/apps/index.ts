export { APP_REPLY_TAG, createAppStore, type AppStore, type EndedConversation, type NewAppDelivery, type PendingMessage, type SaveAppInput, type StoredApp } from './apps.js'
