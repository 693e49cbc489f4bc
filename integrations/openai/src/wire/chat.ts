import type { z } from '@parley/sdk'
import { OpenAiError } from '../errors.js'
import type { Endpoint } from './endpoint.js'
import { MAX_ANSWER_BYTES, readBody, send, within, type UpstreamAnswer } from './http.js'
import { chatCompletion, modelList, type ChatCompletion, type ChatRequest } from './protocol.js'
import { parseJson, shorten } from './text.js'

/** `POST /chat/completions` without streaming: the whole answer, checked. */
export async function complete(endpoint: Endpoint, request: ChatRequest, signal?: AbortSignal): Promise<ChatCompletion> {
  const answer = await send({ endpoint, method: 'post', url: endpoint.chatUrl(request.model), json: { ...request, stream: false }, ...(signal ? { signal } : {}) })
  return readDocument(endpoint, answer, chatCompletion, 'a chat completion')
}

/** `GET /models`: the ids the server offers. */
export async function listModels(endpoint: Endpoint, url: string): Promise<z.infer<typeof modelList>['data']> {
  const answer = await send({ endpoint, method: 'get', url })
  return (await readDocument(endpoint, answer, modelList, 'a model list')).data
}

/** Reads a JSON answer within the timeout, and checks it is what was asked for. */
async function readDocument<T extends z.ZodTypeAny>(endpoint: Endpoint, answer: UpstreamAnswer, schema: T, what: string): Promise<z.infer<T>> {
  const { server } = endpoint
  const tooLarge = () => {
    throw badResponse(server, answer, `an answer larger than ${MAX_ANSWER_BYTES} bytes`)
  }
  const { text } = await within(endpoint, answer, () => readBody(answer.response, MAX_ANSWER_BYTES, tooLarge))
  const json = parseJson(text)
  if (json === undefined) throw badResponse(server, answer, `a body that is not JSON: ${JSON.stringify(shorten(text))}`)
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw badResponse(server, answer, `something that is not ${what} (${issuesOf(parsed.error)}): ${JSON.stringify(shorten(text))}`)
  return parsed.data
}

export function badResponse(server: string, answer: UpstreamAnswer, what: string): OpenAiError {
  const status = answer.response.status
  return new OpenAiError('UPSTREAM_BAD_RESPONSE', `the chat-completions server at ${server} answered ${status} with ${what}; check that baseUrl points at an OpenAI-compatible API (usually ending in /v1)`, { status, attempts: answer.attempts })
}

export function issuesOf(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')
}
