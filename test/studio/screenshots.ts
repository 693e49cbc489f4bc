import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { startDemoDev } from './support/demo-dev.js'

// Takes the screenshots of Parley Studio shown in the README (`npm run studio:screenshots`): the demo bot
// under `parley dev`, a short chat typed in the Studio, then each main page.

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'studio')
const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'

const dev = await startDemoDev()
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
try {
  mkdirSync(OUT, { recursive: true })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })
  page.setDefaultTimeout(120_000)
  await page.goto(dev.studioUrl)
  await page.getByLabel('API token').fill(dev.token)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('heading', { name: 'Plugins' }).waitFor()
  await chat(page, ['Hello, Studio', 'this is spam', 'What did I say?'])
  await shoot(page, 'conversation')
  await page.setViewportSize({ width: 390, height: 844 })
  await shoot(page, 'conversation-phone', false)
  await page.setViewportSize({ width: 1280, height: 800 })
  // "digest" starts the demo's workflow, whose answer is its second reply.
  await say(page, 'digest', 2)
  await visit(page, 'Workflows', () => page.locator('.records li a').first().click())
  await page.getByLabel('Output').waitFor()
  await shoot(page, 'workflows')
  // The charts and the bot's make-up load apart: wait for both.
  await visit(page, 'Bot', () => Promise.all([page.locator('.chart canvas').first().waitFor(), page.getByRole('heading', { name: 'Plugins' }).waitFor()]))
  await shoot(page, 'bot')
  await page.getByRole('navigation', { name: 'Journal pages' }).getByRole('link', { name: 'Journal' }).click()
  await page.frameLocator('iframe[title="Journal"]').getByText('Shown in a sandboxed frame.').waitFor()
  await shoot(page, 'plugin-page')
  await visit(page, 'States', () => page.getByRole('button', { name: 'lastEntry' }).first().click())
  await page.getByLabel('entryId').fill('twelve')
  await page.getByRole('button', { name: 'Save state' }).click()
  await page.locator('.field-error').first().waitFor()
  await shoot(page, 'states')
  await visit(page, 'Tables', () => page.getByRole('navigation', { name: 'Tables' }).getByRole('link').first().click())
  await page.locator('.grid tbody tr').first().waitFor()
  await shoot(page, 'tables')
  await visit(page, 'Logs', () => page.locator('.log').first().waitFor())
  await shoot(page, 'logs')
  await visit(page, 'API', () => page.locator('.swagger .opblock').first().waitFor())
  await shoot(page, 'api')
  console.log(`Screenshots written to ${OUT}`)
} finally {
  await browser.close()
  await dev.stop()
}

async function chat(page: Page, texts: readonly string[]): Promise<void> {
  await visit(page, 'Conversations', () => page.getByRole('button', { name: 'New chat' }).click())
  for (const text of texts) await say(page, text, 1)
  await page.locator('.turn').nth(texts.length - 1).waitFor()
}

/** Types `text` in the live chat and waits for the bot's `replies` answers to it. */
async function say(page: Page, text: string, replies: number): Promise<void> {
  const bot = page.locator('.messages .from-bot')
  const before = await bot.count()
  await page.getByLabel('Message as the user').fill(text)
  await page.getByLabel('Message as the user').press('Enter')
  await bot.nth(before + replies - 1).waitFor()
}

async function visit(page: Page, link: string, ready: () => Promise<unknown>): Promise<void> {
  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: link, exact: true }).click()
  await ready()
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  // The caret and the focus ring would differ from one run to the next.
  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()')
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage })
}
