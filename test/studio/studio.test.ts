import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoDev, type DemoDev } from './support/demo-dev.js'
import { startWebhook } from './support/webhook.js'

// Parley Studio in a real browser (Debian's Chromium) against `parley dev` on the demo bot.

const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

let dev: DemoDev
let browser: Browser
let page: Page
/** Every request the page made to an origin other than the runtime's. */
const elsewhere: string[] = []

beforeAll(async () => {
  // The demo bot, with a plugin folder (seed 000) whose routes.py serves a page.
  ;[dev, browser] = await Promise.all([startDemoDev({ folderPlugin: true }), chromium.launch({ executablePath: CHROMIUM, args: ARGS })])
  page = await browser.newPage()
  // Waits end on what the page shows; the limit only catches a hang, on however loaded a machine.
  page.setDefaultTimeout(120_000)
  page.on('request', (request) => { if (!request.url().startsWith(dev.url) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url()) })
})
afterAll(async () => {
  await browser?.close()
  await dev?.stop()
})

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${dev.url}${path}`, { ...init, headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/json', ...init.headers } })

const nav = (name: string) => page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name, exact: true }).click()

describe('Parley Studio', () => {
  it('is printed by parley dev beside the chat page', () => {
    expect(dev.output()).toMatch(/Studio:\s+http:\/\/127\.0\.0\.1:\d+\/studio/)
  })

  it('asks for a token, refuses a wrong one, and keeps it out of the URL', async () => {
    await page.goto(dev.studioUrl)
    await page.getByLabel('API token').fill('not-the-token')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').filter({ hasText: 'not one this runtime accepts' }).waitFor()
    await page.getByLabel('API token').fill(dev.token)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Plugins' }).waitFor()
    expect(page.url()).not.toContain(dev.token)
    expect(await page.getByRole('region', { name: 'Plugins' }).textContent()).toMatch(/journal.*moderation/s)
  })

  it('shows a plugin\'s page inside the Studio, in a sandboxed frame', async () => {
    const pages = page.getByRole('navigation', { name: 'Journal pages' })
    await pages.getByRole('link', { name: 'Journal' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /Journal/, level: 1 }).waitFor()
    const frame = page.locator('iframe[title="Journal"]')
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-popups')
    // The page's own script runs, and cannot reach the Studio that shows it.
    await page.frameLocator('iframe[title="Journal"]').getByText('Shown in a sandboxed frame.').waitFor()
    await page.getByRole('link', { name: "Back to the bot's pages" }).click()
    await page.getByRole('heading', { name: 'Plugins' }).waitFor()
  })

  it('lists the pages a plugin folder\'s routes.py serves, titled by their paths, and shows one in the same sandboxed frame', async () => {
    const pages = page.getByRole('navigation', { name: 'Message stats pages' })
    await pages.getByRole('link', { name: '/report' }).click()
    const frame = page.locator('iframe[title="/report"]')
    await frame.waitFor()
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-popups')
    await page.frameLocator('iframe[title="/report"]').getByText('Served by routes.py.').waitFor()
    await page.getByRole('link', { name: "Back to the bot's pages" }).click()
    await page.getByRole('heading', { name: 'Plugins' }).waitFor()
  })

  it('chats as the user, and shows the reply and the trace of its turn', async () => {
    await nav('Conversations')
    await page.getByRole('button', { name: 'New chat' }).click()
    await page.getByLabel('Message as the user').fill('hello studio')
    await page.getByLabel('Message as the user').press('Enter')
    const messages = page.getByRole('list', { name: 'Messages' })
    await messages.getByText('You said "hello studio"', { exact: false }).waitFor()
    expect(await messages.textContent()).toContain('— the Parley demo bot')
    // Which plugin's hook changed the message: moderation's beforeOutgoingMessage, marked "changed".
    const changed = page.locator('tr.step.hook.changed')
    await changed.first().waitFor()
    expect(await changed.first().locator('th').textContent()).toBe('beforeOutgoingMessage')
    expect(await changed.first().locator('td').first().textContent()).toBe('moderation')
    // Each handler's duration.
    const handlers = page.locator('tr.step.handler')
    await handlers.first().waitFor()
    for (const row of await handlers.all()) expect(await row.locator('td').nth(3).textContent()).toMatch(/^\d+(\.\d+)? ms$/)
    expect(await handlers.locator('td:first-of-type').allTextContents()).toEqual(expect.arrayContaining(['journal', 'bot']))
  })

  it('finds conversations by user and date, and says when none matches', async () => {
    await nav('Conversations')
    const search = page.getByRole('search', { name: 'Search conversations' })
    await search.getByLabel('User id').fill(await firstUser())
    await search.getByRole('button', { name: 'Search' }).click()
    await page.locator('tbody tr').first().waitFor()
    expect(await page.locator('tbody tr').count()).toBe(1)
    await search.getByLabel('From').fill('2999-01-01T00:00')
    await search.getByRole('button', { name: 'Search' }).click()
    await page.getByText('No conversation matches').waitFor()
  })

  it('edits a state, and shows the validation error for a wrong value', async () => {
    await nav('States')
    await page.getByRole('button', { name: 'lastEntry' }).first().click()
    const editor = page.getByRole('region', { name: /lastEntry/ })
    await editor.getByLabel('entryId').fill('twelve')
    await editor.getByRole('button', { name: 'Save state' }).click()
    await editor.getByRole('alert').first().waitFor()
    expect(await editor.getByLabel('entryId').getAttribute('aria-invalid')).toBe('true')
    await editor.getByLabel('text').fill('edited in the Studio')
    await editor.getByLabel('entryId').fill('7')
    await editor.getByRole('button', { name: 'Save state' }).click()
    await page.getByRole('cell', { name: '2', exact: true }).waitFor()
  })

  it('filters a table, and says so when nothing matches', async () => {
    await api(`/v1/bots/${dev.botId}/messages/incoming`, { method: 'POST', body: JSON.stringify({ conversationId: await firstConversation(), userId: await firstUser(), type: 'text', payload: { text: 'second entry' } }) })
    await nav('Tables')
    await page.getByRole('navigation', { name: 'Tables' }).getByRole('link', { name: 'journalEntries' }).click()
    const grid = page.getByRole('region', { name: 'Table journalEntries' })
    await grid.getByRole('status').filter({ hasText: 'of 2' }).waitFor()
    await grid.getByRole('textbox', { name: 'Filter' }).fill('{"text": "hello studio"}')
    await grid.getByRole('button', { name: 'Apply' }).click()
    await grid.getByRole('status').filter({ hasText: 'of 1' }).waitFor()
    expect(await grid.locator('tbody tr').count()).toBe(1)
    expect(await grid.locator('tbody').textContent()).toContain('hello studio')
    await grid.getByRole('textbox', { name: 'Filter' }).fill('{"text": "never said"}')
    await grid.getByRole('button', { name: 'Apply' }).click()
    await grid.getByText('No row matches this filter').waitFor()
  })

  it('adds, edits and deletes a row, with the runtime\'s validation', async () => {
    const grid = page.getByRole('region', { name: 'Table journalEntries' })
    await grid.getByRole('textbox', { name: 'Filter' }).fill('')
    await grid.getByRole('button', { name: 'Apply' }).click()
    await grid.getByRole('status').filter({ hasText: 'of 2' }).waitFor()
    await grid.getByRole('button', { name: 'Add row' }).first().click()
    const editor = grid.getByRole('region', { name: 'New row' })
    for (const field of ['userId', 'conversationId', 'type']) await editor.getByLabel(field).fill('studio')
    await editor.getByRole('button', { name: 'Add row' }).click()
    await editor.getByRole('alert').first().waitFor()
    await editor.getByLabel('text').fill('added in the Studio')
    await editor.getByRole('button', { name: 'Add row' }).click()
    await grid.getByRole('status').filter({ hasText: 'of 3' }).waitFor()
    const added = grid.locator('tbody tr').filter({ hasText: 'added in the Studio' })
    await added.getByRole('button', { name: /^Edit row/ }).click()
    await grid.getByRole('region', { name: /^Edit row/ }).getByLabel('text').fill('edited in the Studio')
    await grid.getByRole('button', { name: 'Save row' }).click()
    const edited = grid.locator('tbody tr').filter({ hasText: 'edited in the Studio' })
    await edited.waitFor()
    page.once('dialog', (dialog) => void dialog.accept())
    await edited.getByRole('button', { name: /^Delete row/ }).click()
    await grid.getByRole('status').filter({ hasText: 'of 2' }).waitFor()
  })

  it('runs a scheduled job now, and says when no job failed', async () => {
    // A handler that throws is logged, and its job still completes: on the demo bot no job fails, so the
    // retry button is driven on a scheduled job, which it runs at once.
    const created = await api(`/v1/bots/${dev.botId}/events`, { method: 'POST', body: JSON.stringify({ type: 'journal:entryRecorded', payload: { entryId: 99, userId: 'nobody', text: 'later' }, schedule: { delayMs: 3_600_000 } }) })
    expect(created.status).toBe(201)
    await nav('Events & jobs')
    await page.getByText('No failed job.').waitFor()
    await page.getByRole('tab', { name: 'Scheduled' }).click()
    const scheduled = page.getByRole('list', { name: 'scheduled jobs' })
    await scheduled.getByRole('listitem').filter({ hasText: 'event' }).getByRole('button', { name: 'Retry now' }).click()
    await page.getByText('No job is scheduled').waitFor()
    await page.getByRole('tab', { name: 'Recurring' }).click()
    await page.getByRole('list', { name: 'recurring jobs' }).getByText('traceExpiry').waitFor()
  })

  it('shows a job that failed for real as failed, and runs it again from its retry button', async () => {
    // An external app whose webhook refuses (a 4xx other than 408 and 429) has its delivery given up at
    // once. An app is sent only what is said after it is installed: install it, then say something.
    const webhook = await startWebhook()
    const manifest = { id: 'studio-refuser', name: 'Refuser', author: '@studio', description: 'Refuses deliveries', image: '/icon.png', capabilities: ['external_integration'], external_integration: { triggers_on: 'transcript_processed', webhook_url: webhook.url } }
    try {
      expect((await api(`/v1/bots/${dev.botId}/apps`, { method: 'POST', body: JSON.stringify({ manifest, intervalSeconds: 1 }) })).status).toBe(201)
      const refused = webhook.next()
      await api(`/v1/bots/${dev.botId}/messages/incoming`, { method: 'POST', body: JSON.stringify({ conversationId: await firstConversation(), userId: await firstUser(), type: 'text', payload: { text: 'tell the app' } }) })
      expect(await refused).toBe(400)
      await nav('Events & jobs')
      const jobs = page.getByRole('region', { name: 'Jobs' })
      await jobs.getByRole('tab', { name: 'Failed' }).click()
      const failed = jobs.getByRole('list', { name: 'failed jobs' }).getByRole('listitem').filter({ hasText: 'appDelivery' }).first()
      // The job is marked failed just after the webhook answered, and no turn tells the page: once the
      // runtime says so, the list's Refresh shows it.
      await page.waitForFunction(async (path) => ((await (await fetch(path)).json()) as { jobs: unknown[] }).jobs.length > 0, `/v1/bots/${dev.botId}/studio/jobs?status=failed`, { polling: 100 })
      await jobs.getByRole('button', { name: 'Refresh' }).click()
      await failed.getByText('the app answered 400').waitFor()
      const label = (await failed.getAttribute('aria-label'))!
      webhook.accept()
      const delivered = webhook.next()
      await failed.getByRole('button', { name: 'Retry now' }).click()
      expect(await delivered).toBe(200)
      await jobs.getByRole('listitem', { name: label }).waitFor({ state: 'detached' })
      // The runtime records the delivery as made once the app's answer is in.
      await page.waitForFunction(async (path) => ((await (await fetch(path)).json()) as { deliveries: { status: string }[] }).deliveries.some((d) => d.status === 'delivered'), `/v1/bots/${dev.botId}/app-deliveries?appId=${manifest.id}`, { polling: 100 })
      await jobs.getByRole('tab', { name: 'Failed' }).click()
      await jobs.getByText('No failed job.').waitFor()
    } finally {
      await api(`/v1/bots/${dev.botId}/apps/${manifest.id}`, { method: 'DELETE' })
      await webhook.close()
    }
  })

  it('shows a log line as it is written, linked to its turn', async () => {
    await nav('Logs')
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor()
    await api(`/v1/bots/${dev.botId}/messages/incoming`, { method: 'POST', body: JSON.stringify({ conversationId: await firstConversation(), userId: await firstUser(), type: 'text', payload: { text: 'log me' } }) })
    const line = page.getByRole('list', { name: 'Log lines' }).getByRole('listitem').filter({ hasText: 'log me' }).first()
    await line.waitFor()
    await line.getByRole('link', { name: 'turn' }).click()
    await page.locator('.turn.selected').waitFor()
  })

  it('shows the workflow a message started as it runs, its status, input and output, and a timeline whose turns open their traces', async () => {
    await nav('Workflows')
    await page.getByText('No workflow has run yet').waitFor()
    const userId = await firstUser()
    await api(`/v1/bots/${dev.botId}/messages/incoming`, { method: 'POST', body: JSON.stringify({ conversationId: await firstConversation(), userId, type: 'text', payload: { text: 'digest' } }) })
    // The list is live: the run shows, then its completion, with nothing clicked.
    const run = page.locator('.records li').filter({ hasText: 'digest' })
    await run.locator('.badge').filter({ hasText: 'completed' }).waitFor()
    await run.getByRole('link', { name: 'digest' }).click()
    const timeline = page.getByRole('region', { name: /digest/ })
    await timeline.getByLabel('Output').waitFor()
    expect(JSON.parse((await timeline.getByLabel('Input').textContent())!)).toEqual({ userId })
    expect(JSON.parse((await timeline.getByLabel('Output').textContent())!)).toEqual({ entries: expect.any(Number) })
    const steps = timeline.getByRole('list', { name: 'Timeline' }).getByRole('listitem')
    expect(await steps.locator('strong').allTextContents()).toEqual(expect.arrayContaining(['started', 'turn', 'finished']))
    await steps.filter({ hasText: 'workflowStart (bot)' }).getByRole('link', { name: 'turn' }).click()
    const turn = page.locator('.turn.selected')
    await turn.waitFor()
    await turn.locator('tr.step.handler').filter({ hasText: 'workflowStart handler' }).waitFor()
    expect(await turn.locator('tr.step.message').count()).toBe(1)
  })

  it('shows events and the API document', async () => {
    await nav('Events & jobs')
    await page.getByRole('heading', { name: 'Events', exact: true }).waitFor()
    await page.locator('.records summary').filter({ hasText: 'journal:entryRecorded' }).first().waitFor()
    await nav('API')
    await page.locator('.swagger .opblock').first().waitFor()
    expect(await page.locator('.swagger').textContent()).toContain('/v1/bots/{botId}/states')
  })

  it('keeps a conversation\'s live stream when parley dev reloads the bot', async () => {
    await page.evaluate(`window.location.hash = '#/${dev.botId}/conversations/${await firstConversation()}'`)
    await page.getByRole('list', { name: 'Messages' }).getByText('log me').first().waitFor()
    await page.evaluate('window.notReloaded = true')
    const from = dev.output().length
    const source = join(dev.dir, 'src', 'index.ts')
    writeFileSync(source, readFileSync(source, 'utf8').replace('`You said "', '`You wrote "'))
    await dev.printed(/Reloaded after changes to/, from)
    await api(`/v1/bots/${dev.botId}/messages/incoming`, { method: 'POST', body: JSON.stringify({ conversationId: await firstConversation(), userId: await firstUser(), type: 'text', payload: { text: 'after the reload' } }) })
    // The reloaded bot's reply and its turn's trace arrive on the streams the page opened before.
    await page.getByRole('list', { name: 'Messages' }).getByText('You wrote "after the reload"', { exact: false }).waitFor()
    await page.locator('.turn').filter({ has: page.locator('tr.step.handler') }).filter({ hasText: 'message turn' }).first().waitFor()
    expect(await page.evaluate('window.notReloaded')).toBe(true)
  })

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await nav('Bot')
    await page.reload()
    await page.getByRole('heading', { name: 'Plugins' }).waitFor()
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true)
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate('document.activeElement?.id')).toBe('main')
  })

  it('sent nothing anywhere but the runtime', () => {
    expect(elsewhere).toEqual([])
  })
})

async function firstConversation(): Promise<string> {
  const { conversations } = (await (await api(`/v1/bots/${dev.botId}/conversations`)).json()) as { conversations: { id: string }[] }
  return conversations[0]!.id
}

async function firstUser(): Promise<string> {
  const { users } = (await (await api(`/v1/bots/${dev.botId}/users`)).json()) as { users: { id: string }[] }
  return users[0]!.id
}
