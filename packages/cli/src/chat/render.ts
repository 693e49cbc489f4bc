import type { Message } from '@parley/sdk'

/** What a message from the bot looks like in a terminal: the web chat's rendering, as plain lines. */
export function renderMessage(message: Pick<Message, 'type' | 'payload'>): string {
  const payload = message.payload as Record<string, unknown>
  switch (message.type) {
    case 'text': return String(payload['text'])
    case 'markdown': return String(payload['markdown'])
    case 'choice': return [String(payload['text']), ...choiceOptions(message).map((option, index) => `  ${index + 1}) ${option.label}`)].join('\n')
    case 'image': return `[image] ${titled(payload, 'imageUrl')}`
    case 'file': return `[file] ${titled(payload, 'fileUrl')}`
    case 'location': return `[location] ${payload['title'] ? `${String(payload['title'])}: ` : ''}${String(payload['latitude'])}, ${String(payload['longitude'])}`
    default: return `[${message.type}] ${JSON.stringify(payload)}`
  }
}

export interface ChoiceOption {
  readonly label: string
  readonly value: string
}

/** The options of a choice message; none for other messages. */
export function choiceOptions(message: Pick<Message, 'type' | 'payload'>): ChoiceOption[] {
  if (message.type !== 'choice') return []
  const options = (message.payload as { options?: unknown }).options
  return Array.isArray(options) ? (options as ChoiceOption[]) : []
}

function titled(payload: Record<string, unknown>, urlField: string): string {
  return payload['title'] ? `${String(payload['title'])} ${String(payload[urlField])}` : String(payload[urlField])
}
