import { InterfaceDefinition, z, type Schema } from '@parley/sdk'

const toolCall = z.object({
  id: z.string(),
  type: z.enum(['function']),
  function: z.object({
    name: z.string(),
    arguments: z.record(z.any()).nullable().describe('`null` when the model wrote arguments that are not valid JSON'),
  }),
})

const contentPart = z.object({
  type: z.enum(['text', 'image']),
  mimeType: z.string().optional().describe('The MIME type of the content; detected from the URL when absent'),
  text: z.string().optional().describe('Required when `type` is "text"'),
  url: z.string().optional().describe('Required when `type` is "image"'),
})

const message = z.object({
  role: z.enum(['user', 'assistant']),
  type: z.enum(['text', 'tool_calls', 'tool_result', 'multipart']).default('text'),
  toolCalls: z.array(toolCall).optional().describe('Required when `type` is "tool_calls"'),
  toolResultCallId: z.string().optional().describe('Required when `type` is "tool_result"'),
  content: z
    .string()
    .or(z.array(contentPart))
    .nullable()
    .describe('The text, or the parts of a "multipart" message, or a tool\'s result; unused for "tool_calls"'),
})

const tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().describe('Function name'),
    description: z.string().optional(),
    argumentsSchema: z.object({}).passthrough().optional().describe('JSON Schema of the function arguments'),
  }),
})

const choice = message.omit({ role: true }).extend({
  role: z.literal('assistant'),
  index: z.number().int(),
  stopReason: z.enum(['stop', 'max_tokens', 'tool_calls', 'content_filter', 'other']),
})

/** The models an integration offers, described for choosing one. */
const modelInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.enum(['recommended', 'deprecated', 'general-purpose', 'low-cost', 'vision', 'coding', 'agents', 'function-calling', 'roleplay', 'storytelling', 'reasoning', 'preview'])),
  input: z.object({ maxTokens: z.number().int(), costPer1MTokens: z.number().describe('US dollars per million tokens') }),
  output: z.object({ maxTokens: z.number().int(), costPer1MTokens: z.number().describe('US dollars per million tokens') }),
})

/** The input of `generateContent`, Botpress's field for field, for an integration's model reference. */
export const generateContentInput = (modelRef: Schema) =>
  z.object({
    model: modelRef.describe('The model to generate with; the integration\'s default when absent').optional(),
    systemPrompt: z.string().optional().describe('Instructions the model follows for the whole exchange'),
    messages: z.array(message).describe('The conversation so far, oldest first'),
    responseFormat: z.enum(['text', 'json_object']).optional().describe('"json_object" asks for JSON; say so in the prompt too'),
    maxTokens: z.number().optional().describe('The most tokens the answer may use'),
    temperature: z.number().min(0).max(2).displayAs({ id: 'slider', params: { stepSize: 0.01, horizontal: true } }).default(1).describe('Sampling temperature: higher is more random'),
    topP: z.number().min(0).max(1).default(1).displayAs({ id: 'slider', params: { stepSize: 0.01, horizontal: true } }).describe('Nucleus sampling: the smallest set of tokens whose probability adds up to this'),
    stopSequences: z.array(z.string()).max(4).optional().describe('Texts at which the model stops'),
    tools: z.array(tool).optional(),
    toolChoice: z.object({ type: z.enum(['auto', 'specific', 'any', 'none', '']).optional(), functionName: z.string().optional().describe('Required when `type` is "specific"') }).optional(),
    userId: z.string().optional(),
    debug: z.boolean().optional().hidden().describe('Log debugging information'),
    meta: z.object({ promptSource: z.string().optional(), promptCategory: z.string().optional(), integrationName: z.string().optional() }).optional().hidden(),
  })

/** The first choice's text, for code that wants only the answer. */
function firstText(choices: readonly { readonly content: string | readonly { readonly text?: string }[] | null }[]): string {
  const content = choices[0]?.content
  if (typeof content === 'string') return content
  return (content ?? []).map((part) => part.text ?? '').join('')
}

/**
 * The output of `generateContent`, Botpress's field for field, plus Parley's `content`: the first
 * choice's text. An integration written for Botpress's interface returns no `content`; validating its
 * output fills it in.
 */
export const generateContentOutput = z
  .object({
    id: z.string().describe('The provider\'s id of the response'),
    provider: z.string().describe('The provider\'s name'),
    model: z.string().describe('The model that answered'),
    choices: z.array(choice),
    usage: z.object({
      inputTokens: z.number().int().describe('Tokens read'),
      inputCost: z.number().describe('US dollars for the tokens read'),
      outputTokens: z.number().int().describe('Tokens written'),
      outputCost: z.number().describe('US dollars for the tokens written'),
    }),
    botpress: z.object({ cost: z.number().describe('US dollars for the whole generation') }),
    // A default, so that an integration may leave it out and callers always read it.
    content: z.string().default('').describe('The first choice\'s text'),
  })
  .transform((output) => ({ ...output, content: output.content || firstText(output.choices) }))

/**
 * A large language model, as Botpress's `llm` interface defines it. Each integration maps `modelRef` to
 * its own model identifier schema, so a plugin written against this interface accepts whichever models
 * the bot's LLM integration offers.
 *
 * @example
 * const { choices, content } = await actions.llm.generateContent({ systemPrompt, messages: [{ role: 'user', content: 'Hi' }] })
 */
export const llm = new InterfaceDefinition({
  name: 'llm',
  version: '2.0.0',
  title: 'Large language model',
  entities: {
    modelRef: { title: 'Model reference', schema: z.object({ id: z.string() }) },
  },
  actions: {
    generateContent: {
      title: 'Generate content',
      billable: true,
      cacheable: true,
      input: { schema: ({ modelRef }) => generateContentInput(modelRef) },
      output: { schema: () => generateContentOutput },
    },
    listLanguageModels: {
      title: 'List language models',
      input: { schema: () => z.object({}) },
      output: { schema: ({ modelRef }) => z.object({ models: z.array(z.intersection(modelInfo, modelRef)) }) },
    },
  },
})

export default llm.asPackage()
