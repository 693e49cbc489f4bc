import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CommonHandlerProps } from '../implementation/props.js'
import type { LooseTypes } from '../implementation/types.js'
import { ManifestError } from './manifest-error.js'
import { PythonBridge, type FolderHttpRequest, type FolderHttpResponse } from './python-bridge.js'
import { callSdk, log, pluginSdk } from './plugin-sdk.js'

type Props = CommonHandlerProps<LooseTypes>

export const HANDLER_FILES = ['handler.ts', 'handler.js', 'handler.py'] as const

/** A plugin folder's handler file, whatever its language: checked once at start, then one call per event. */
export interface HandlerModule {
  readonly file: string
  /** Fails naming each `on_<event>` the file lacks. */
  check(events: readonly string[]): Promise<void>
  /** Runs `on_<event>(event, sdk)`. A handler that throws is logged with its traceback, never rethrown. */
  run(event: string, data: object, props: Props): Promise<void>
  /** Hands a request to `routes.py`'s Flask blueprint; absent when the folder has no routes.py. */
  readonly http?: (request: FolderHttpRequest) => Promise<FolderHttpResponse>
  /** The paths of the blueprint's pages; absent when the folder has no routes.py. */
  readonly pages?: () => Promise<string[]>
}

/** The interpreter for `handler.py`: `PARLEY_PYTHON`, else `python3` on the PATH. */
export function pythonCommand(): string {
  return process.env['PARLEY_PYTHON'] || 'python3'
}

/** `PARLEY_PLUGIN_TIMEOUT_MS`: how long one Python event may take (default 10 minutes). */
function handlerTimeoutMs(): number | undefined {
  const given = Number(process.env['PARLEY_PLUGIN_TIMEOUT_MS'])
  return Number.isInteger(given) && given > 0 ? given : undefined
}

export function findHandlerFile(dir: string, pluginId: string): string {
  const found = HANDLER_FILES.map((name) => join(dir, name)).filter((file) => existsSync(file))
  if (found.length === 1) return found[0]!
  if (found.length === 0) throw new ManifestError('MANIFEST_HANDLER_MISSING', `plugin "${pluginId}" (${dir}) has no handler file; add handler.py, handler.ts or handler.js with an on_<event>(event, sdk) function per event in plugin.json`)
  throw new ManifestError('MANIFEST_HANDLER_MISSING', `plugin "${pluginId}" (${dir}) has several handler files (${found.map((f) => f.slice(dir.length + 1)).join(', ')}); keep one`)
}

export const ROUTES_FILE = 'routes.py'

export function openHandler(file: string, pluginId: string, events: readonly string[]): HandlerModule {
  const routes = join(dirname(file), ROUTES_FILE)
  if (!existsSync(routes)) return file.endsWith('.py') ? pythonHandler(file, pluginId, events, undefined) : scriptHandler(file, pluginId)
  if (!file.endsWith('.py')) throw new ManifestError('MANIFEST_HANDLER_MISSING', `plugin "${pluginId}": routes.py runs beside handler.py; write the handler in Python too, or remove routes.py`)
  return pythonHandler(file, pluginId, events, routes)
}

function missingError(pluginId: string, file: string, missing: readonly string[]): ManifestError {
  const names = missing.map((event) => `on_${event}`).join(', ')
  return new ManifestError('MANIFEST_HANDLER_MISSING', `plugin "${pluginId}": ${file} does not define ${names}, but plugin.json lists ${missing.length === 1 ? 'its event' : 'their events'}; define ${missing.length === 1 ? 'it' : 'them'} as def ${missing.map((e) => `on_${e}(event, sdk)`).join(', ')} or remove the event from plugin.json`)
}

function reportFailure(props: Props, pluginId: string, event: string, error: string, traceback: string | undefined): void {
  props.logger.error(`plugin "${pluginId}": on_${event} failed: ${error}${traceback ? `\n${traceback.trimEnd()}` : ''}`)
}

// JavaScript and TypeScript ---------------------------------------------------------------------------

type HandlerFunction = (event: object, sdk: unknown) => unknown

function scriptHandler(file: string, pluginId: string): HandlerModule {
  let module: Promise<Record<string, unknown>> | undefined
  const load = () => (module ??= importScript(file))
  return {
    file,
    async check(events) {
      const exports = await load()
      const missing = events.filter((event) => typeof exports[`on_${event}`] !== 'function')
      if (missing.length > 0) throw missingError(pluginId, file, missing)
    },
    async run(event, data, props) {
      try {
        await ((await load())[`on_${event}`] as HandlerFunction)(data, pluginSdk(props))
      } catch (error) {
        reportFailure(props, pluginId, event, error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined)
      }
    },
  }
}

/** TypeScript goes through tsx's loader (no build step, as for definitions); JavaScript is imported as it is. */
async function importScript(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href
  if (!file.endsWith('.ts')) return (await import(url)) as Record<string, unknown>
  const { tsImport } = await import('tsx/esm/api')
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>
}

// Python --------------------------------------------------------------------------------------------

/** Bridges by handler file: a plugin loaded again (a reload) replaces the child of the one before. */
const bridges = new Map<string, PythonBridge>()

function pythonHandler(file: string, pluginId: string, events: readonly string[], routes: string | undefined): HandlerModule {
  const python = pythonCommand()
  checkPythonStatically(python, file, pluginId, events)
  bridges.get(file)?.close()
  const bridge = new PythonBridge(file, python, routes, handlerTimeoutMs())
  bridges.set(file, bridge)
  return {
    file,
    ...(routes ? { http: (request: FolderHttpRequest) => bridge.http(request), pages: () => bridge.pages() } : {}),
    async check(listed) {
      const missing = await bridge.missing(listed)
      if (missing.length > 0) throw missingError(pluginId, file, missing)
    },
    async run(event, data, props) {
      const host = { log: (message: string, level: string) => log(props, message, level), call: (method: string, args: unknown) => callSdk(props, method, args), output: (line: string) => log(props, line, 'info') }
      try {
        const outcome = await bridge.run(event, data, props.configuration, host)
        if (outcome.error !== undefined) reportFailure(props, pluginId, event, outcome.error, outcome.traceback)
      } catch (error) {
        reportFailure(props, pluginId, event, error instanceof Error ? error.message : String(error), undefined)
      }
    },
  }
}

/**
 * Without running the handler: is there a Python, does the file parse, does it define every
 * `on_<event>`? So a bad folder fails where the bot's definition loads (`parley gen`, `parley dev`).
 */
const STATIC_CHECK = String.raw`
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
defined |= {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
defined |= {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom) for a in node.names}
print(json.dumps([e for e in sys.argv[2:] if "on_" + e not in defined]))
`

function checkPythonStatically(python: string, file: string, pluginId: string, events: readonly string[]): void {
  const result = spawnSync(python, ['-c', STATIC_CHECK, file, ...events], { encoding: 'utf8' })
  if (result.error) {
    throw new ManifestError('MANIFEST_PYTHON_MISSING', `plugin "${pluginId}": ${file} needs Python 3, but "${python}" could not run (${result.error.message}); install python3 on the PATH (or set PARLEY_PYTHON to its path), or write the handler as handler.ts`)
  }
  if (result.status !== 0) {
    throw new ManifestError('MANIFEST_INVALID', `plugin "${pluginId}": ${file} is not valid Python: ${lastLine(result.stderr)}`)
  }
  const missing = JSON.parse(result.stdout) as string[]
  if (missing.length > 0) throw missingError(pluginId, file, missing)
}

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').replace(/\s+/g, ' ')
}
