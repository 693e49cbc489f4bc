import definition from './integration.definition.js'
import implementation from './src/index.js'

/** The integration, for `bot.addIntegration(openai, { alias: 'llm', configuration: { baseUrl, defaultModel } })`. */
export default { definition, implementation }

export { definition, implementation }
export type { OpenAiTypes } from './src/index.js'
export { createOpenAiClient, type OpenAiClient, type OpenAiClientOptions, type ContentStream, type TextDelta, type CallOptions } from './src/client.js'
export { configurationSchema, API_KEY_SECRET, type Configuration, type ModelEntry } from './src/configuration.js'
export { OpenAiError, type OpenAiErrorCode, type UpstreamDetails } from './src/errors.js'
export type { GenerateContentInput, GenerateContentOutput, LanguageModel, Choice, LlmMessage } from './src/llm/schemas.js'
