import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../http/testing/test-server.js'

// The order of a conversation on the chat page, in a real browser (Debian's Chromium). The fixture bot
// echoes each text; its reply is stored and streamed before the server answers the message's POST.

const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const EXCHANGES = 12

let t: TestServer
let browser: Browser
let page: Page

beforeAll(async () => {
  ;[t, browser] = await Promise.all([startTestServer(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })])
})
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

beforeEach(async () => {
  await page?.close()
  page = await browser.newPage()
  // Waits end on what the page shows; the limit only catches a hang, on however loaded a machine.
  page.setDefaultTimeout(120_000)
  await page.goto(`${t.url}/chat/fixture`)
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor()
})

async function say(text: string) {
  await page.getByLabel('Your message').fill(text)
  await page.getByLabel('Your message').press('Enter')
}

const log = () => page.locator('#chat-log li.message').allTextContents()
const transcript = (count: number) => Array.from({ length: count }, (_, i) => [`You: m${i}`, `Bot: echo: m${i}`]).flat()

describe('the order of the chat page', () => {
  it("shows each question above its reply even when the reply arrives before the server's answer", async () => {
    // Holds every answer to a sent message until its reply is on the page: the order the page saw in 2 of 3 exchanges.
    await page.route('**/webchat/conversations/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      const response = await route.fetch()
      const { message } = (await response.json()) as { message: { payload: { text: string } } }
      await page.locator('#chat-log li.from-bot').filter({ hasText: `echo: ${message.payload.text}` }).waitFor()
      await route.fulfill({ response })
    })
    for (let i = 0; i < EXCHANGES; i++) {
      await say(`m${i}`)
      await page.locator('#chat-log li.from-bot').filter({ hasText: `echo: m${i}` }).waitFor()
    }
    await page.locator('#chat-log li.pending').first().waitFor({ state: 'detached' })
    expect(await log()).toEqual(transcript(EXCHANGES))
  })

  it('shows what is sent at once, before the server answers', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/webchat/conversations/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      await held
      await route.continue()
    })
    await say('right away')
    await page.locator('#chat-log li.from-user').filter({ hasText: 'right away' }).waitFor()
    release()
    await page.locator('#chat-log li.from-bot').filter({ hasText: 'echo: right away' }).waitFor()
    expect((await log()).slice(-2)).toEqual(['You: right away', 'Bot: echo: right away'])
  })

  it('keeps the order of many quick exchanges, and the same after a reload', async () => {
    for (let i = 0; i < EXCHANGES; i++) await say(`m${i}`)
    await page.locator('#chat-log li.from-bot').filter({ hasText: `echo: m${EXCHANGES - 1}` }).waitFor()
    await page.locator('#chat-log li.pending').first().waitFor({ state: 'detached' })
    const shown = await log()
    expect(shown.slice(-2 * EXCHANGES)).toEqual(transcript(EXCHANGES))
    await page.reload()
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor()
    await page.locator('#chat-log li.from-bot').filter({ hasText: `echo: m${EXCHANGES - 1}` }).waitFor()
    expect(await log()).toEqual(shown)
  })
})
