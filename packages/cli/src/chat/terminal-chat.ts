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

/**
 * A conversation with a running bot in the terminal, over the web chat channel: each line typed is sent
 * as a text message (or, after a choice, its number picks an option), and the bot's messages are printed
 * as they stream in. Lines piped in are printed as a transcript (`you> …`) instead of being prompted
 * for. Resolves when the input ends or `/quit` is typed, once the bot's answers so far are printed.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const chat = await openWebchat({ url: options.url, botId: options.botId })
  const name = chat.session.bot.title ?? chat.session.bot.id
  const interactive = isTerminal(options.input) && isTerminal(options.output)
  const state: ChatState = { choices: [], closed: false, lines: undefined }
  const print = (message: Message) => {
    state.choices = choiceOptions(message)
    say(state.lines, interactive, options.output, `${name}> ${renderMessage(message).replaceAll('\n', '\n    ')}`)
  }
  const replies = await streamReplies(chat, print, options.output, () => state.closed)
  options.output.write(`Chatting with ${name}. Type a message and press Enter; /quit or Ctrl+D leaves.\n`)
  // Made only now: lines piped in would otherwise be read before anyone listens.
  state.lines = createInterface({ input: options.input, output: options.output, prompt: 'you> ', terminal: interactive })
  const prompt = () => interactive && state.lines?.prompt()
  prompt()
  await readLines(state.lines, async (line) => {
    if (!interactive && line.trim()) options.output.write(`you> ${line.trim()}\n`)
    await send(chat, line, state.choices, options.output)
    prompt()
  })
  // Each message was answered before its send returned; print what the stream has not brought yet.
  await replies.catchUp()
  state.closed = true
  replies.stop()
}

interface ChatState {
  choices: ChoiceOption[]
  closed: boolean
  lines: Interface | undefined
}

function readLines(lines: Interface, handle: (line: string) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let queue = Promise.resolve()
    lines.on('line', (line) => {
      if (line.trim() === '/quit') return lines.close()
      queue = queue.then(() => handle(line))
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

interface Replies {
  /** Prints the bot's messages stored so far that the stream has not delivered yet. */
  catchUp(): Promise<void>
  stop(): void
}

/**
 * Streams the bot's messages, reconnecting when the stream drops and catching up on what was missed
 * meanwhile.
 */
async function streamReplies(chat: WebchatChat, print: (message: Message) => void, output: NodeJS.WritableStream, closed: () => boolean): Promise<Replies> {
  const seen = new Set<string>()
  const show = (message: Message) => {
    if (message.direction !== 'outgoing' || seen.has(message.id)) return
    seen.add(message.id)
    print(message)
  }
  const catchUp = async () => (await chat.messages({ limit: 1000 })).forEach(show)
  let subscription = await chat.subscribe(show)
  const keep = async (): Promise<void> => {
    await subscription.ended
    if (closed()) return
    output.write('(connection lost; reconnecting…)\n')
    subscription = await reconnect(chat, show, closed)
    await catchUp()
    return keep()
  }
  void keep()
  return { catchUp, stop: () => subscription.close() }
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

/** Prints above the prompt, without mangling what the user is typing. */
function say(lines: Interface | undefined, interactive: boolean, output: NodeJS.WritableStream, text: string): void {
  if (!lines || !interactive) return void output.write(`${text}\n`)
  output.write(`\r\x1b[K${text}\n`)
  lines.prompt(true)
}

function isTerminal(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true
}
