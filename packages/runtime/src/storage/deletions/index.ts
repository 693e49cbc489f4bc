export { deleteConversation, deleteMessage, deleteUser } from './deletions.js'
