import type { Client } from '@parley/sdk'
import { path } from '../path.js'
import { tagsForJson } from '../query.js'
import type { Transport } from '../transport.js'

type Directory = Pick<Client, 'getUser' | 'getOrCreateUser' | 'updateUser' | 'listUsers' | 'getConversation' | 'getOrCreateConversation' | 'updateConversation' | 'listConversations'>

export function directoryOperations(t: Transport): Directory {
  return {
    getUser: ({ id }) => t.call('get', path`users/${id}`),
    getOrCreateUser: ({ tags, ...rest }) => t.call('post', 'users', { json: { ...rest, tags: tagsForJson(tags) } }),
    updateUser: ({ id, tags, ...rest }) => t.call('patch', path`users/${id}`, { json: { ...rest, tags: tagsForJson(tags) } }),
    listUsers: (query = {}) => t.call('get', 'users', { query }),
    getConversation: ({ id }) => t.call('get', path`conversations/${id}`),
    getOrCreateConversation: ({ tags, ...rest }) => t.call('post', 'conversations', { json: { ...rest, tags: tagsForJson(tags) } }),
    updateConversation: ({ id, tags }) => t.call('patch', path`conversations/${id}`, { json: { tags: tagsForJson(tags) } }),
    listConversations: (query = {}) => t.call('get', 'conversations', { query }),
  }
}
