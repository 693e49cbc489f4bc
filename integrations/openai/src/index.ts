import { IntegrationImplementation, type IntegrationTypes, type Logger } from '@parley/sdk'
import { createOpenAiClient } from './client.js'
import { API_KEY_SECRET, type Configuration } from './configuration.js'
import { OpenAiError } from './errors.js'
import type { GenerateContentInput, GenerateContentOutput, LanguageModel } from './llm/schemas.js'

/**
 * The integration's types, written from its schemas rather than generated: the package has no build
 * step of its own, so it stays usable from source by any bot.
 */
export interface OpenAiTypes extends IntegrationTypes {
  readonly configuration: Configuration
  readonly actions: {
    readonly generateContent: { readonly input: GenerateContentInput; readonly output: GenerateContentOutput }
    readonly listLanguageModels: { readonly input: Record<string, never>; readonly output: { models: LanguageModel[] } }
  }
  readonly callableActions: {}
  readonly events: {}
  readonly states: {}
  readonly tables: {}
  readonly workflows: {}
  readonly messages: {}
  readonly interfaces: {}
  readonly integrations: {}
  readonly secrets: { readonly [API_KEY_SECRET]: string | undefined }
  readonly channels: {}
}

type Props = { readonly configuration: Configuration; readonly secrets: OpenAiTypes['secrets']; readonly logger: Logger }

const clientFor = ({ configuration, secrets }: Props) => createOpenAiClient({ configuration, apiKey: secrets[API_KEY_SECRET] })

export default new IntegrationImplementation<OpenAiTypes>({
  actions: {
    generateContent: (props) => logged(props.logger, 'generateContent', () => clientFor(props).generateContent(props.input)),
    listLanguageModels: (props) => logged(props.logger, 'listLanguageModels', () => clientFor(props).listLanguageModels()),
  },
  channels: {},
})

/**
 * Failures are logged for the bot's owner here, with the server's status and answer, so every bot
 * using the integration has them in its log whatever its own code does with the error.
 */
async function logged<T>(logger: Logger, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof OpenAiError) logger.forBot().error(`openai ${action} failed [${error.code}${error.status ? ` ${error.status}` : ''}]: ${error.message}`)
    throw error
  }
}
