import * as bp from '../.parley'

export const SYSTEM_PROMPT = 'You are a helpful assistant. Answer briefly.'

export const NOT_CONFIGURED = 'No language model is configured yet. Set OPENAI_API_KEY to use OpenAI, or LLM_BASE_URL (and LLM_MODEL) ' +
  'for an OpenAI-compatible server such as Ollama (http://127.0.0.1:11434/v1), then restart the bot.'

export const UNAVAILABLE = 'Sorry, the language model could not answer just now. Please try again in a moment.'

/** Whether the environment names a model server: without one, calling OpenAI with no key would only fail. */
export function modelConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['OPENAI_API_KEY'] || env['LLM_BASE_URL'])
}

/** Answers each text with the model's reply; says plainly what to set when no model is configured. */
export async function answerText({ message, client, logger }: bp.MessageHandlerProps<'text'>): Promise<void> {
  const text = modelConfigured()
    ? await client
        .callAction({ type: 'llm:generateContent', input: { systemPrompt: SYSTEM_PROMPT, messages: [{ role: 'user', content: message.payload.text }] } })
        .then((output) => output.content ?? UNAVAILABLE, (error: unknown) => {
          logger.error(`the model did not answer: ${error instanceof Error ? error.message : String(error)}`)
          return UNAVAILABLE
        })
    : NOT_CONFIGURED
  await client.createMessage({ conversationId: message.conversationId, type: 'text', payload: { text } })
}

export const bot = new bp.Bot({ actions: {} })
bot.on.message('text', answerText)

export default bot
