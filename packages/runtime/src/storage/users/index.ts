export { createUserStore, type User, type UserStore, type CreateUserInput, type UpdateUserInput, type ListUsersOptions } from './users.js'
