import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** The demo bot under `parley dev` (the built CLI and runtime, as `npm run demo` runs them), on a copy of its own. */
export interface DemoDev {
  readonly url: string
  readonly studioUrl: string
  readonly token: string
  /** The bot's id (`parley dev` names it after the package). */
  readonly botId: string
  /** The copy of the demo bot it runs, to change its sources. */
  readonly dir: string
  output(): string
  /** Resolves once what it prints after `from` characters of its output matches `pattern` (a reload reported). */
  printed(pattern: RegExp, from: number): Promise<void>
  stop(): Promise<void>
}

/**
 * Copies `bots/demo` to a fresh directory (its database starts empty; the checkout's own is left alone) whose
 * `node_modules` is the repository's, and runs `parley dev` there on a free port with a known admin token.
 * Resolves once its banner is printed (its last line says it is watching for changes).
 */
export async function startDemoDev(options: { readonly folderPlugin?: boolean } = {}): Promise<DemoDev> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-studio-'))
  for (const entry of ['bot.definition.ts', 'index.ts', 'src', 'package.json']) cpSync(join(REPO, 'bots', 'demo', entry), join(dir, entry), { recursive: true })
  if (options.folderPlugin) addFolderPlugin(dir)
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true }, include: ['*.ts', 'src', '.parley/**/*.ts'] }))
  const token = randomBytes(16).toString('hex')
  const child = spawn(process.execPath, [join(REPO, 'packages', 'cli', 'bin', 'parley.js'), 'dev', '--port', '0'], {
    cwd: dir, env: { ...process.env, NO_COLOR: '1', PARLEY_API_TOKENS: `admin=${token}` }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const waiting = new Set<() => void>()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const chatUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      for (const check of waiting) check()
      const match = /Chat:\s+(\S+)[\s\S]*Watching for changes/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then(() => reject(new Error(`parley dev ended before printing its URLs:\n${output}`)))
  })
  const studioUrl = /Studio:\s+(\S+)/.exec(output)?.[1] ?? `${new URL(chatUrl).origin}/studio`
  const stop = async () => {
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  const botId = /Parley dev: bot "([^"]+)"/.exec(output)?.[1] ?? 'bot-demo'
  const printed = (pattern: RegExp, from: number) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!pattern.test(output.slice(from))) return
      waiting.delete(check)
      resolve()
    }
    waiting.add(check)
    void exited.then(() => reject(new Error(`parley dev ended before printing ${pattern}:\n${output}`)))
    check()
  })
  return { url: new URL(studioUrl).origin, studioUrl, token, botId, dir, output: () => output, printed, stop }
}

/** A seed 000 plugin folder whose routes.py serves a page, added to the copy as `parley add` would add it. */
function addFolderPlugin(dir: string): void {
  const folder = join(dir, 'stats')
  mkdirSync(folder)
  writeFileSync(join(folder, 'plugin.json'), JSON.stringify({ id: 'stats', name: 'Message stats', version: '1.0.0', description: 'A page of figures', events: [] }))
  writeFileSync(join(folder, 'handler.py'), '# Pages only: this plugin handles no event.\n')
  writeFileSync(join(folder, 'routes.py'), [
    'from flask import Blueprint',
    '',
    'def create_blueprint():',
    "    bp = Blueprint('stats', __name__)",
    '',
    "    @bp.route('/report')",
    '    def report():',
    "        return '<!doctype html><title>Report</title><h1>Report</h1><p>Served by routes.py.</p>'",
    '',
    '    return bp',
    '',
  ].join('\n'))
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { parleyDependencies: Record<string, string> }
  manifest.parleyDependencies['stats'] = 'file:./stats'
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  const definition = readFileSync(join(dir, 'bot.definition.ts'), 'utf8')
    .replace("import { BotDefinition, z } from '@parley/sdk'", "import { BotDefinition, manifestPlugin, z } from '@parley/sdk'")
    .replace('export default bot', "bot.addPlugin(manifestPlugin('./stats'), { alias: 'stats' })\n\nexport default bot")
  writeFileSync(join(dir, 'bot.definition.ts'), definition)
}
