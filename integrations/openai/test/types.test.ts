import type { AddIntegrationOptions } from '@parley/sdk'
import { describe, expect, expectTypeOf, it } from 'vitest'
import openai, { type GenerateContentOutput, type OpenAiClient } from '../index.js'
import { typeErrors } from './type-errors.js'

describe('types a bot builder relies on', () => {
  it('configuration is typed from the schema, every field optional since each has a default', () => {
    type Given = NonNullable<AddIntegrationOptions<typeof openai.definition>['configuration']>
    expectTypeOf<Given['api']>().toEqualTypeOf<'openai' | 'azure' | undefined>()
    expectTypeOf<Given['timeoutMs']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<Given['maxTokensParameter']>().toEqualTypeOf<'max_tokens' | 'max_completion_tokens' | undefined>()
  })

  it('the output carries the llm shape, tool calls included', () => {
    expectTypeOf<GenerateContentOutput['content']>().toEqualTypeOf<string>()
    expectTypeOf<GenerateContentOutput['choices'][number]['stopReason']>().toEqualTypeOf<'stop' | 'max_tokens' | 'tool_calls' | 'content_filter' | 'other'>()
    expectTypeOf<NonNullable<GenerateContentOutput['choices'][number]['toolCalls']>[number]['function']['arguments']>().toEqualTypeOf<Record<string, unknown> | null>()
    expectTypeOf<ReturnType<OpenAiClient['generateContent']>>().toEqualTypeOf<Promise<GenerateContentOutput>>()
  })

  // Builds a TypeScript program over the SDK: seconds when the machine is idle, minutes when it is not.
  it('misuse fails to compile, naming the field', async () => {
    const header = `import openai, { createOpenAiClient } from '../index.js'\nimport { BotDefinition } from '@parley/sdk'\n`
    const errors = await typeErrors({
      correct: `${header}new BotDefinition({}).addIntegration(openai, { alias: 'llm', configuration: { baseUrl: 'http://127.0.0.1:11434/v1', defaultModel: 'llama3.2' } })`,
      wrongApi: `${header}new BotDefinition({}).addIntegration(openai, { configuration: { api: 'anthropic' } })`,
      unknownField: `${header}new BotDefinition({}).addIntegration(openai, { configuration: { baseURL: 'http://x' } })`,
      wrongRole: `${header}void createOpenAiClient().generateContent({ messages: [{ role: 'system', content: 'x' }] })`,
      wrongFormat: `${header}void createOpenAiClient().generateContent({ messages: [], responseFormat: 'yaml' })`,
    })
    expect(errors['correct']).toBe('')
    expect(errors['wrongApi']).toMatch(/'"anthropic"' is not assignable to type '"openai" \| "azure"/)
    expect(errors['unknownField']).toMatch(/'baseURL' does not exist/)
    expect(errors['wrongRole']).toMatch(/'"system"' is not assignable to type '"user" \| "assistant"'/)
    expect(errors['wrongFormat']).toMatch(/'"yaml"' is not assignable to type '"text" \| "json_object"/)
  })
})
