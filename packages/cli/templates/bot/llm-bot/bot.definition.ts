import openai from '@parley/integration-openai'
import { BotDefinition } from '@parley/sdk'

// The model server comes from the environment:
//   OPENAI_API_KEY=sk-…                                        OpenAI
//   LLM_BASE_URL=http://127.0.0.1:11434/v1 LLM_MODEL=llama3.2   Ollama, or any OpenAI-compatible server
const bot = new BotDefinition({})

bot.addIntegration(openai, {
  alias: 'llm',
  configuration: {
    baseUrl: process.env['LLM_BASE_URL'] || 'https://api.openai.com/v1',
    defaultModel: process.env['LLM_MODEL'] || 'gpt-4o-mini',
  },
})

export default bot
