import type { Client } from '@parley/sdk'
import { path } from '../path.js'
import { tagsForJson } from '../query.js'
import type { Transport } from '../transport.js'

export function messageOperations(t: Transport): Pick<Client, 'createMessage' | 'getMessage' | 'listMessages'> {
  return {
    createMessage: ({ tags, ...rest }) => t.call('post', 'messages', { json: { ...rest, tags: tagsForJson(tags) } }),
    getMessage: ({ id }) => t.call('get', path`messages/${id}`),
    listMessages: ({ conversationId, ...page }) => t.call('get', path`conversations/${conversationId}/messages`, { query: page }),
  }
}
