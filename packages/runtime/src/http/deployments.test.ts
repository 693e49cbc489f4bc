import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeploymentError, type DeploymentHost, type DeploymentUpload } from './deployments.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

// The deployment routes over a recording host: who may call them, what they accept, how an oversized
// upload is refused. `parley serve`'s own host, swapping real bots, is tested end to end in the CLI.

const LIMIT = 16 * 1024

function recordingHost(): DeploymentHost & { uploads: [string, DeploymentUpload][] } {
  const uploads: [string, DeploymentUpload][] = []
  const summary = (botId: string, version: number) => ({ botId, version, createdAt: '2026-01-01T00:00:00.000Z', active: true, size: 10 })
  return {
    uploads,
    deploy: async (botId, upload) => {
      uploads.push([botId, upload])
      if (upload.definition === 'incompatible') {
        throw new DeploymentError('DEPLOYMENT_INCOMPATIBLE', 'stored data does not fit', [{ kind: 'state', name: 'profile', count: 1, rows: [{ id: 'user/u1', issue: 'age: Required' }] }])
      }
      return { deployment: summary(botId, uploads.length), ...(uploads.length > 1 ? { previous: uploads.length - 1 } : {}) }
    },
    rollback: async (botId, { version }) => ({ deployment: summary(botId, version ?? 1) }),
    list: async () => [summary('shop', 1)],
  }
}

let t: TestServer
const host = recordingHost()
beforeAll(async () => {
  t = await startTestServer({ deployments: host, deploymentBodyLimit: LIMIT })
})
afterAll(() => t.close())

async function post(path: string, body: unknown, token: string | null = t.adminToken): Promise<{ status: number; body: { error?: { code: string; message: string; issues?: unknown[] } } & Record<string, unknown> }> {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
  return { status: response.status, body: (await response.json()) as never }
}

describe('deployment routes', () => {
  it('take an upload with an admin token only', async () => {
    const upload = { bundle: 'export default 1', definition: 'export default 2' }
    expect((await post('/v1/deployments/shop', upload, null)).status).toBe(401)
    expect((await post('/v1/deployments/shop', upload, t.botToken)).body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('scope admin') })
    expect(host.uploads).toEqual([])
    expect(await post('/v1/deployments/shop', upload)).toEqual({ status: 201, body: { deployment: expect.objectContaining({ botId: 'shop', version: 1 }) } })
    expect(host.uploads).toEqual([['shop', upload]])
  })

  it('refuse a bot name that could not be an id, and fields they do not know', async () => {
    const refused = await post('/v1/deployments/__proto__', { bundle: 'x', definition: 'y', extra: 1 })
    expect(refused.status).toBe(400)
    expect(refused.body.error?.issues).toEqual([
      { path: 'path.bot', message: expect.stringContaining('lowercase letters') },
      { path: 'body', message: expect.stringContaining('extra') },
    ])
  })

  it('answer a refused deployment with its code and each state or table at fault', async () => {
    const refused = await post('/v1/deployments/shop', { bundle: 'x', definition: 'incompatible' })
    expect(refused).toEqual({ status: 409, body: { error: { code: 'DEPLOYMENT_INCOMPATIBLE', message: 'stored data does not fit', issues: [{ path: 'states.profile', message: '1 stored state(s) fail the new schema: user/u1 (age: Required)' }] } } })
  })

  it('roll back and list', async () => {
    expect(await post('/v1/deployments/shop/rollback', { version: 3 })).toEqual({ status: 200, body: { deployment: expect.objectContaining({ version: 3 }) } })
    const listed = await fetch(`${t.url}/v1/deployments`, { headers: { authorization: `Bearer ${t.adminToken}` } })
    expect(await listed.json()).toEqual({ deployments: [expect.objectContaining({ botId: 'shop' })] })
  })

  it('answer an upload far over the limit with 413 naming it, read to its end so the client sees the answer', async () => {
    const body = Buffer.from(JSON.stringify({ bundle: 'x'.repeat(LIMIT * 64), definition: 'y' }))
    for (let round = 0; round < 5; round++) {
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const outgoing = request(`${t.url}/v1/deployments/shop`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` } }, (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => { text += chunk.toString() })
          response.on('end', () => resolve({ status: response.statusCode!, text }))
        })
        outgoing.on('error', reject)
        // Written in pieces, as a large upload streams: the server must not close while they come.
        for (let at = 0; at < body.length; at += 64 * 1024) outgoing.write(body.subarray(at, at + 64 * 1024))
        outgoing.end()
      })
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining(`limit of ${LIMIT} bytes`) } })
    }
    expect(host.uploads).toHaveLength(2)
  })

  it('are listed in the OpenAPI document', async () => {
    const document = (await (await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/v1/deployments'))).toEqual(['/v1/deployments', '/v1/deployments/{bot}', '/v1/deployments/{bot}/rollback'])
  })

  it('do not exist on a server that takes no deployments', async () => {
    const plain = await startTestServer()
    try {
      const response = await fetch(`${plain.url}/v1/deployments`, { headers: { authorization: `Bearer ${plain.adminToken}` } })
      expect(response.status).toBe(404)
    } finally {
      await plain.close()
    }
  })

  it('served no 500', () => {
    expect(t.serverErrors).toEqual([])
  })
})
