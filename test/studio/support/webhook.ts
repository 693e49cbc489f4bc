import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local webhook that refuses every delivery (400) until `accept` is called, then answers 200. */
export interface Webhook {
  readonly url: string
  /** Resolves with the status of the next request answered. */
  next(): Promise<number>
  accept(): void
  close(): Promise<void>
}

export async function startWebhook(): Promise<Webhook> {
  let status = 400
  let waiting: ((status: number) => void)[] = []
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"error":"refused"}')
      const told = waiting
      waiting = []
      for (const resolve of told) resolve(status)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    next: () => new Promise((resolve) => void waiting.push(resolve)),
    accept: () => void (status = 200),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
