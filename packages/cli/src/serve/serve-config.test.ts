import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Output } from '../cli/output.js'
import { botIdFor } from './bot-id.js'
import { parsePort } from './listen-options.js'
import { startServeServer } from './deployments/serve-server.js'
import { apiTokens, storedSecret } from './server-config.js'

const dirs: string[] = []
const tempDir = (name = 'parley-serve-') => {
  const dir = mkdtempSync(join(tmpdir(), name))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('serving a project', () => {
  it('names the bot after its package, without the scope', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/Support Bot' }))
    expect(botIdFor(dir)).toBe('support-bot')
    expect(botIdFor(tempDir('My_Bot.'))).toMatch(/^my_bot-[a-z0-9]+$/i)
  })

  it('takes tokens from PARLEY_API_TOKENS, and makes one up for dev only', () => {
    const token = 'a'.repeat(32)
    expect(apiTokens({ PARLEY_API_TOKENS: `admin=${token}` }, true)).toEqual({ tokens: [{ scope: 'admin', token }] })
    expect(apiTokens({}, false)).toEqual({ tokens: [] })
    const made = apiTokens({}, true)
    expect(made.tokens).toEqual([{ scope: 'admin', token: made.generated }])
    expect(made.generated).toMatch(/^[0-9a-f]{48}$/)
  })

  it('keeps the web chat secret in a file only its owner reads', () => {
    const path = join(tempDir(), 'data', 'webchat-secret')
    const secret = storedSecret(path)
    expect(storedSecret(path)).toBe(secret)
    expect(readFileSync(path, 'utf8').trim()).toBe(secret)
    expect(statSync(path).mode & 0o077).toBe(0)
  })

  it('refuses a port that is not one', () => {
    expect(parsePort('8080', '--port')).toBe(8080)
    expect(() => parsePort('http', 'PORT')).toThrow(/PORT "http" is not a port/)
    expect(() => parsePort('70000', '--port')).toThrow(/from 1 to 65535/)
  })

  it('refuses a drain time that is not a whole number of seconds up to a day, before opening anything', async () => {
    const out: Output = { info: () => {}, error: () => {} }
    for (const text of ['5m', '0', '1e308', '86401']) {
      const env = { PARLEY_API_TOKENS: `admin=${'a'.repeat(32)}`, PARLEY_DRAIN_TIMEOUT: text }
      await expect(startServeServer({ dataDir: join(tempDir(), 'data'), port: 0, hostname: '127.0.0.1', env, out })).rejects.toMatchObject({
        code: 'SETTING_INVALID', message: expect.stringContaining(`PARLEY_DRAIN_TIMEOUT "${text}" is not a whole number from 1 to 86400`),
      })
    }
  })
})
