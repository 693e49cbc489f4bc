import { z } from '@parley/sdk'
import { anyObject, idParams, tagsInput } from '../schemas/common.js'
import { message } from '../schemas/records.js'
import { describeOperations } from './operation.js'
import { tagged } from './tagged.js'

/** Changes to a stored message: its tags, and its payload checked against its type's schema. */
export const messageEditOperations = describeOperations({
  updateMessage: {
    method: 'patch', path: '/v1/bots/:botId/messages/:id', summary: "Change a stored message's tags or payload (its type stays)", tag: 'messages',
    params: idParams,
    body: z.strictObject({ tags: tagsInput.optional(), payload: anyObject.optional() }),
    success: { status: 200, schema: z.object({ message }) },
    ...tagged,
  },
})
