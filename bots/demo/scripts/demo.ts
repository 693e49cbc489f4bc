// Runs the demo bot in memory, has a user send it a few messages, and prints the conversation.
import { createRuntime } from '@parley/runtime'
import demo from '../index.js'

const runtime = await createRuntime(demo)
await runtime.start()
const client = runtime.client()
const { user } = await client.getOrCreateUser({ name: 'Ada' })
const { conversation } = await client.getOrCreateConversation({ channel: 'webchat' })

for (const text of ['Hello there!', 'Want to buy some spam?', 'Fine, just saying hi.', 'digest']) {
  await runtime.receiveMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text } })
  await runtime.runJobs()
}

const { messages } = await client.listMessages({ conversationId: conversation.id })
for (const message of messages) {
  const who = message.direction === 'incoming' ? `${user.name ?? 'user'} ` : 'bot '
  console.log(`${who}> ${(message.payload as { text: string }).text.replaceAll('\n', `\n${' '.repeat(who.length + 2)}`)}`)
}
const { count } = await client.callAction({ type: 'moderation:strikes', input: { userId: user.id } })
const journal = await client.callAction({ type: 'journal:summary', input: {} })
console.log(`\njournal: ${journal.entries} entries from ${journal.users} user(s); strikes for ${user.name}: ${count}`)
await runtime.stop()
