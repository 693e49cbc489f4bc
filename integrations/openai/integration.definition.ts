import { IntegrationDefinition, z } from '@parley/sdk'
import llm from '@parley/interfaces/llm'
import { API_KEY_SECRET, configurationSchema } from './src/configuration.js'
import { generateContentInput, generateContentOutput, listLanguageModelsOutput, modelRef } from './src/llm/schemas.js'

/**
 * The `llm` interface over an OpenAI-compatible chat-completions server. Its actions are declared here
 * in the shape of Botpress's `llm` interface (see `src/llm/schemas.ts`); `extend` then maps the
 * interface's `modelRef` to this integration's `model`, so plugins depending on `llm` can use it.
 */
export default new IntegrationDefinition({
  name: 'openai',
  version: '0.1.0',
  title: 'OpenAI-compatible LLM',
  description: 'Generates content with any OpenAI-compatible chat-completions server: OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, llama.cpp.',
  configuration: { schema: configurationSchema },
  secrets: {
    [API_KEY_SECRET]: { description: 'The API key (for Azure, the resource key); local servers need none.', optional: true },
  },
  entities: {
    model: { title: 'Model', description: 'A model by the id the server gives it (for Azure, the deployment name).', schema: modelRef },
  },
  actions: {
    generateContent: {
      title: 'Generate content',
      description: 'Answers a conversation: system prompt, messages, tools; returns the choices and token usage.',
      input: { schema: generateContentInput },
      output: { schema: generateContentOutput },
    },
    listLanguageModels: {
      title: 'List language models',
      description: 'The configured models, or those the server lists when none are configured.',
      input: { schema: z.object({}) },
      output: { schema: listLanguageModelsOutput },
    },
  },
}).extend(llm, ({ entities }) => ({ entities: { modelRef: entities.model } }))
