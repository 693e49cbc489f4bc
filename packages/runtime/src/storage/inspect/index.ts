export { listStates, searchConversations, type ConversationSearch, type FoundConversation, type ListedState, type StateListQuery } from './inspect.js'
