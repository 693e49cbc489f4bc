export {
  createMessageStore, type Message, type MessageStore, type MessageDirection, type CreateMessageInput, type UpdateMessageInput,
  type ListMessagesOptions,
} from './messages.js'
