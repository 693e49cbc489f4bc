import { readDevServerFile } from '../serve/dev-server-file.js'
import { ServeError } from '../serve/serve-error.js'
import type { CommandSpec } from './command.js'

interface ChatOptions {
  readonly url?: string
  readonly bot?: string
  readonly token?: string
}

const DEFAULT_URL = 'http://127.0.0.1:3000'

export const chat: CommandSpec<ChatOptions> = {
  name: 'chat',
  summary: 'Chat with a running bot from the terminal',
  details: 'Talks over the web chat channel, as the chat page does. In a project where `parley dev` runs, no option is needed; otherwise give --url and --bot (or a token, PARLEY_API_TOKEN, to pick the only bot it can see).',
  options: [
    { flags: '--url <url>', description: `the server (default: the project's \`parley dev\`, else PARLEY_URL, else ${DEFAULT_URL})` },
    { flags: '--bot <id>', description: 'the bot to talk to' },
    { flags: '--token <token>', description: 'an API token, to find the bot when --bot is not given (default: PARLEY_API_TOKEN)' },
  ],
  async run(context, _args, options) {
    // Loaded when the command runs: every command module is imported on every run of `parley`.
    const { runTerminalChat } = await import('../chat/terminal-chat.js')
    const dev = readDevServerFile(context.cwd)
    const url = options.url ?? process.env['PARLEY_URL'] ?? dev?.url ?? DEFAULT_URL
    const botId = options.bot ?? (url === dev?.url ? dev.botId : await onlyBot(url, options.token ?? process.env['PARLEY_API_TOKEN']))
    await runTerminalChat({ url, botId, input: process.stdin, output: process.stdout })
    return 0
  },
}

/** The one bot the token can see at `url`; asking for `--bot` otherwise. */
async function onlyBot(url: string, token: string | undefined): Promise<string> {
  if (!token) throw new ServeError('BOT_UNSPECIFIED', `which bot at ${url}? Pass --bot <id>, or a token (--token or PARLEY_API_TOKEN) to look it up`)
  const { listBots } = await import('@parley/runtime/http-client')
  const bots = await listBots({ url, token })
  if (bots.length === 1) return bots[0]!.id
  if (bots.length === 0) throw new ServeError('BOT_UNSPECIFIED', `the token sees no bot at ${url}; pass --bot <id>, or a token whose scope covers the bot`)
  throw new ServeError('BOT_UNSPECIFIED', `${url} runs several bots (${bots.map((bot) => bot.id).join(', ')}); pass --bot <id>`)
}
