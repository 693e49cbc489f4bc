import { createInterface, type Interface } from 'node:readline'
import type { Message } from '@parley/sdk'
import { openWebchat, type WebchatChat } from '@parley/runtime/http-client'
import { choiceOptions, renderMessage, type ChoiceOption } from './render.js'

export interface TerminalChatOptions {
  readonly url: string
  readonly botId: string
  readonly input: NodeJS.ReadableStream
  readonly output: NodeJS.WritableStream
}

const RECONNECT_MS = 1000
const QUIET_MS = 300

/**
 * A conversation with a running bot in the terminal, over the web chat channel: each line typed is sent
 * as a text message (or, after a choice, its number picks an option), and the bot's messages are printed
 * as they stream in. Resolves when the input ends or `/quit` is typed.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const chat = await openWebchat({ url: options.url, botId: options.botId })
  const name = chat.session.bot.title ?? chat.session.bot.id
  const state: ChatState = { choices: [], closed: false, lastMessageAt: 0, lines: undefined }
  const print = (message: Message) => {
    state.choices = choiceOptions(message)
    state.lastMessageAt = Date.now()
    say(state.lines, options.output, `${name}> ${renderMessage(message).replaceAll('\n', '\n    ')}`)
  }
  const stopStreaming = await streamReplies(chat, print, options.output, () => state.closed)
  options.output.write(`Chatting with ${name}. Type a message and press Enter; /quit or Ctrl+D leaves.\n`)
  // Made only now: lines piped in would otherwise be read before anyone listens.
  state.lines = createInterface({ input: options.input, output: options.output, prompt: 'you> ', terminal: isTerminal(options.output) })
  state.lines.prompt()
  await readLines(state.lines, async (line) => send(chat, line, state.choices, options.output))
  await quiet(state)
  state.closed = true
  stopStreaming()
}

interface ChatState {
  choices: ChoiceOption[]
  closed: boolean
  lastMessageAt: number
  lines: Interface | undefined
}

/** Replies to the last lines may still be on their way when the input ends: wait until the stream is quiet. */
async function quiet(state: ChatState): Promise<void> {
  const started = Date.now()
  while (Date.now() - Math.max(state.lastMessageAt, started) < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 50))
}

function readLines(lines: Interface, handle: (line: string) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let queue = Promise.resolve()
    lines.on('line', (line) => {
      if (line.trim() === '/quit') return lines.close()
      queue = queue.then(() => handle(line)).then(() => lines.prompt())
    })
    lines.on('close', () => void queue.then(resolve))
  })
}

/** A number right after a choice picks that option; anything else is sent as text. */
async function send(chat: WebchatChat, line: string, choices: readonly ChoiceOption[], output: NodeJS.WritableStream): Promise<void> {
  const text = line.trim()
  if (!text) return
  const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined
  try {
    await chat.send({ type: 'text', payload: { text: picked?.value ?? text } })
  } catch (error) {
    output.write(`(not sent: ${error instanceof Error ? error.message : String(error)})\n`)
  }
}

/**
 * Streams the bot's messages, reconnecting when the stream drops and catching up on what was missed
 * meanwhile. Returns a function that stops it.
 */
async function streamReplies(chat: WebchatChat, print: (message: Message) => void, output: NodeJS.WritableStream, closed: () => boolean): Promise<() => void> {
  const seen = new Set<string>()
  const show = (message: Message) => {
    if (message.direction !== 'outgoing' || seen.has(message.id)) return
    seen.add(message.id)
    print(message)
  }
  let subscription = await chat.subscribe(show)
  const keep = async (): Promise<void> => {
    await subscription.ended
    if (closed()) return
    output.write('(connection lost; reconnecting…)\n')
    subscription = await reconnect(chat, show, closed)
    ;(await chat.messages({ limit: 1000 })).forEach(show)
    return keep()
  }
  void keep()
  return () => subscription.close()
}

async function reconnect(chat: WebchatChat, show: (message: Message) => void, closed: () => boolean): Promise<Awaited<ReturnType<WebchatChat['subscribe']>>> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
    try {
      return await chat.subscribe(show)
    } catch (error) {
      if (closed()) throw error
    }
  }
}

/** Prints above the prompt without mangling what the user is typing. */
function say(lines: Interface | undefined, output: NodeJS.WritableStream, text: string): void {
  if (!lines || !isTerminal(output)) return void output.write(`${text}\n`)
  output.write(`\r\x1b[K${text}\n`)
  lines.prompt(true)
}

function isTerminal(output: NodeJS.WritableStream): boolean {
  return (output as { isTTY?: boolean }).isTTY === true
}
