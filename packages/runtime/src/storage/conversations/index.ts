export {
  createConversationStore, type Conversation, type ConversationStore, type CreateConversationInput, type UpdateConversationInput,
  type ListConversationsOptions,
} from './conversations.js'
