import type { Configuration } from '../configuration.js'
import { OpenAiError } from '../errors.js'
import type { ChatRequest, ContentPart, WireMessage, WireToolChoice } from '../wire/protocol.js'
import type { LlmMessage, ParsedGenerateContentInput } from './schemas.js'

type ToolChoice = NonNullable<ParsedGenerateContentInput['toolChoice']>
type Tool = NonNullable<ParsedGenerateContentInput['tools']>[number]
type Part = Extract<LlmMessage['content'], readonly unknown[]>[number]

/** The chat-completions request for an `llm:generateContent` input. Fields not given are left to the server. */
export function chatRequest(input: ParsedGenerateContentInput, configuration: Configuration): ChatRequest {
  const tools = input.tools?.map(wireTool)
  const request: Record<string, unknown> = {
    model: input.model?.id ?? configuration.defaultModel,
    messages: [...(input.systemPrompt ? [{ role: 'system', content: input.systemPrompt }] : []), ...input.messages.map(wireMessage)],
    temperature: input.temperature,
    top_p: input.topP,
    [configuration.maxTokensParameter]: input.maxTokens,
    stop: input.stopSequences,
    response_format: input.responseFormat === 'json_object' ? { type: 'json_object' } : undefined,
    tools,
    // Servers refuse a tool choice without tools.
    tool_choice: tools?.length ? wireToolChoice(input.toolChoice) : undefined,
    user: input.userId,
  }
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as unknown as ChatRequest
}

function wireTool({ function: fn }: Tool) {
  const parameters = fn.argumentsSchema ?? fn.inputSchema ?? { type: 'object', properties: {} }
  return { type: 'function' as const, function: { name: fn.name, ...(fn.description ? { description: fn.description } : {}), parameters } }
}

function wireMessage(message: LlmMessage, index: number): WireMessage {
  const at = `messages.${index}`
  if (message.type === 'tool_calls') return toolCallsMessage(message, at)
  if (message.type === 'tool_result') return toolResultMessage(message, at)
  const content = message.content
  if (content === null || content === undefined) throw refused(`${at}.content`, `required for a "${message.type}" message`)
  if (typeof content === 'string') return { role: message.role, content }
  const parts = content.map((part, n) => wirePart(part, `${at}.content.${n}`))
  if (message.role === 'user') return { role: 'user', content: parts }
  // An assistant's earlier answer is text: its parts are joined.
  return { role: 'assistant', content: parts.map((part) => (part.type === 'text' ? part.text : '')).join('') }
}

function toolCallsMessage(message: LlmMessage, at: string): WireMessage {
  if (message.role !== 'assistant') throw refused(`${at}.role`, 'a "tool_calls" message is the assistant\'s')
  if (!message.toolCalls?.length) throw refused(`${at}.toolCalls`, 'required for a "tool_calls" message: the calls the assistant made')
  const tool_calls = message.toolCalls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: JSON.stringify(call.function.arguments ?? {}) } }))
  return { role: 'assistant', content: typeof message.content === 'string' ? message.content : null, tool_calls }
}

function toolResultMessage(message: LlmMessage, at: string): WireMessage {
  if (!message.toolResultCallId) throw refused(`${at}.toolResultCallId`, 'required for a "tool_result" message: the id of the tool call it answers')
  const content = typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? null)
  return { role: 'tool', tool_call_id: message.toolResultCallId, content }
}

function wirePart(part: Part, at: string): ContentPart {
  if (part.type === 'text') {
    if (part.text === undefined) throw refused(`${at}.text`, 'required for a "text" part')
    return { type: 'text', text: part.text }
  }
  if (!part.url) throw refused(`${at}.url`, 'required for an "image" part: an http(s) or data: URL')
  return { type: 'image_url', image_url: { url: part.url } }
}

function wireToolChoice(choice: ToolChoice | undefined): WireToolChoice | undefined {
  switch (choice?.type) {
    case 'auto': return 'auto'
    case 'none': return 'none'
    case 'any': return 'required'
    case 'specific':
      if (!choice.functionName) throw refused('toolChoice.functionName', 'required when toolChoice.type is "specific"')
      return { type: 'function', function: { name: choice.functionName } }
    default: return undefined
  }
}

function refused(field: string, problem: string): OpenAiError {
  return new OpenAiError('LLM_INPUT_INVALID', `llm:generateContent input ${field}: ${problem}`)
}
