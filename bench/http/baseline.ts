import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The ceiling: a bare `node:http` server that parses the same JSON body and answers with a message-shaped
 * JSON object, with no routing, validation, auth or database.
 */
export async function startBaseline(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      response.writeHead(201, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ message: { id: 'msg_0', direction: 'incoming', ...body, createdAt: new Date().toISOString() } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
