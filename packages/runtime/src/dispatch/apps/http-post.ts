import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from './address-guard.js'

export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly allowPrivate: boolean
  /** Aborts the request (the runtime is stopping). */
  readonly signal: AbortSignal
}

export interface PostResult {
  readonly status: number
  readonly body: string
}

/** Most an app's answer may hold; a reply is a short message, not a document. */
const MAX_RESPONSE_BYTES = 64 * 1024

/** POSTs `body` and reads the answer (at most 64 KiB of it), within `timeoutMs` for the whole exchange. */
export function postJson(url: URL, body: string, options: PostOptions): Promise<PostResult> {
  if (!options.allowPrivate && isPrivateAddress(url.hostname)) return Promise.reject(new PrivateAddressError(`${url.hostname} is a private address; apps may only be reached at public addresses here`))
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const requestOptions: RequestOptions = {
    method: 'POST', signal,
    headers: { ...options.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
  }
  return new Promise((resolve, reject) => {
    const req = send(url, requestOptions, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_RESPONSE_BYTES) return void chunks.push(chunk)
        // An answer too long to be a reply is taken as an answer without one, and not read on.
        resolve({ status: res.statusCode ?? 0, body: '' })
        req.destroy()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', (error) => reject(signal.aborted && !options.signal.aborted ? new Error(`no answer within ${options.timeoutMs / 1000} s`) : error))
    req.end(body)
  })
}
