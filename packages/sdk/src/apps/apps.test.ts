import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseAppManifest, signAppRequest, verifyAppRequest } from '../index.js'

const manifest = {
  id: 'notion-conversations-crm', name: 'Notion Conversations CRM', author: '@someone', description: 'Stores conversations',
  image: '/assets/plugin_images/notion-crm.png', prompt: '', memories: false, chat: false, capabilities: ['external_integration'],
  external_integration: { triggers_on: 'memory_creation', webhook_url: 'https://example.com/notion-crm', setup_instructions_file_path: '/assets/x.md' },
}

describe('app manifests', () => {
  it('accepts the manifest format as apps are submitted in it', () => {
    expect(parseAppManifest(manifest)).toEqual(manifest)
  })

  it('names the failing field, and lists the known triggers for an unknown one', () => {
    const bad = { ...manifest, external_integration: { ...manifest.external_integration, triggers_on: 'memory_created' } }
    expect(() => parseAppManifest(bad)).toThrow('external_integration.triggers_on: is not a known trigger; use one of "memory_creation", "transcript_processed"')
    expect(() => parseAppManifest({ ...manifest, capabilities: [] })).toThrow('capabilities: must include "external_integration"')
    const ftp = { ...manifest, external_integration: { ...manifest.external_integration, webhook_url: 'ftp://example.com/x' } }
    expect(() => parseAppManifest(ftp)).toThrow('external_integration.webhook_url: must be an http or https URL')
    expect(() => parseAppManifest({ ...manifest, id: undefined })).toThrow(/^app manifest is not valid: id: Required/)
  })
})

describe('delivery signatures', () => {
  const body = '{"session_id":"conv_1","segments":[]}'
  const timestamp = 1_800_000_000

  it('signs "t.uid.body" with HMAC-SHA256, as a receiver in any language can recompute', () => {
    const header = signAppRequest({ secrets: ['s3cret'], uid: 'user_1', body, timestamp })
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.user_1.${body}`).digest('hex')
    expect(header).toBe(`t=${timestamp},v1=${expected}`)
    expect(verifyAppRequest({ header, secret: 's3cret', uid: 'user_1', body, now: timestamp + 10 })).toBe(true)
  })

  it('refuses another body, another user, another secret, no header, and a timestamp outside 300 s', () => {
    const header = signAppRequest({ secrets: ['s3cret'], uid: 'user_1', body, timestamp })
    const check = (changes: object) => verifyAppRequest({ header, secret: 's3cret', uid: 'user_1', body, now: timestamp, ...changes })
    expect([check({ body: `${body} ` }), check({ uid: 'user_2' }), check({ secret: 'other' }), check({ header: undefined }), check({ header: 't=x,v1=00' })]).toEqual([false, false, false, false, false])
    expect([check({ now: timestamp + 300 }), check({ now: timestamp + 301 }), check({ now: timestamp - 301 })]).toEqual([true, false, false])
  })

  it('while a secret is rotated, signs with both, so a receiver holding either one verifies', () => {
    const header = signAppRequest({ secrets: ['new', 'old'], uid: 'u', body, timestamp })
    expect(header.match(/v1=/g)).toHaveLength(2)
    expect(verifyAppRequest({ header, secret: 'old', uid: 'u', body, now: timestamp })).toBe(true)
    expect(verifyAppRequest({ header, secret: ['new', 'old'], uid: 'u', body, now: timestamp })).toBe(true)
    expect(verifyAppRequest({ header, secret: 'neither', uid: 'u', body, now: timestamp })).toBe(false)
  })
})
