import { z } from '@parley/sdk'
import { anyObject, botParams, name } from '../schemas/common.js'
import { describeOperations } from './operation.js'

export const actionOperations = describeOperations({
  callAction: {
    method: 'post', path: '/v1/bots/:botId/actions/call',
    summary: "Call an action of the bot, a plugin (`alias:name`) or an integration; its input and output are checked against the action's schemas",
    tag: 'actions',
    params: botParams,
    body: z.strictObject({ type: name, input: anyObject }),
    success: { status: 200, schema: z.object({ output: anyObject }) },
    // The output is any object, so it travels inside one whose shape is known.
    resultToWire: (output) => ({ output }),
    resultFromWire: (body) => (body as { output: never }).output,
  },
})
