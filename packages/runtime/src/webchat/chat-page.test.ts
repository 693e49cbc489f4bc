import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../http/testing/test-server.js'

// The chat page in a real browser (Debian's Chromium; `scripts/ensure-chromium.sh` installs it).

const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

let t: TestServer
let browser: Browser
let page: Page

beforeAll(async () => {
  ;[t, browser] = await Promise.all([startTestServer(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })])
  page = await browser.newPage()
  // Waits end on what the page shows; the limit only catches a hang, on however loaded a machine.
  page.setDefaultTimeout(120_000)
})
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

async function say(text: string) {
  await page.getByLabel('Your message').fill(text)
  await page.getByLabel('Your message').press('Enter')
}

const botMessages = () => page.locator('#chat-log li.from-bot')

describe('the chat page', () => {
  it("shows the bot's name and connects", async () => {
    await page.goto(`${t.url}/chat/fixture`)
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fixture bot')
    expect(await page.title()).toBe('Chat with Fixture bot')
  })

  it("sends what is typed and shows the bot's reply", async () => {
    await say('hello there')
    await botMessages().filter({ hasText: 'echo: hello there' }).waitFor()
    expect(await page.locator('#chat-log li.from-user').last().textContent()).toBe('You: hello there')
    expect(await page.getByLabel('Your message').inputValue()).toBe('')
  })

  it('shows a choice as buttons, and answers with the chosen value', async () => {
    await say('menu')
    const tea = page.getByRole('group', { name: 'Choices' }).last().getByRole('button', { name: 'Tea' })
    await tea.click()
    await botMessages().filter({ hasText: 'echo: tea' }).waitFor()
    expect(await tea.isDisabled()).toBe(true)
  })

  it('shows the same conversation after a reload', async () => {
    await page.reload()
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor()
    await botMessages().filter({ hasText: 'echo: tea' }).waitFor()
    expect(await botMessages().filter({ hasText: 'echo: hello there' }).count()).toBe(1)
  })

  it('renders images and leaves markdown as text', async () => {
    const chat = (await t.runtime.client().listConversations({})).conversations.at(-1)!
    const { users } = await t.runtime.client().listUsers({})
    const send = (type: string, payload: object) => t.runtime.client().createMessage({ conversationId: chat.id, userId: users.at(-1)!.id, type, payload })
    await send('image', { imageUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', title: 'A dot' })
    await send('markdown', { markdown: '**bold** _text_' })
    await page.getByRole('img', { name: 'A dot' }).waitFor()
    await botMessages().filter({ hasText: '**bold** _text_' }).waitFor()
  })

  it('is served without a credential, and not for a bot that is not served', async () => {
    expect((await fetch(`${t.url}/chat/fixture`)).headers.get('content-security-policy')).toContain("default-src 'self'")
    expect((await fetch(`${t.url}/chat/nobody`)).status).toBe(404)
  })
})
