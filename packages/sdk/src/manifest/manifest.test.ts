import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { BotDefinition, ManifestError, manifestPlugin, z } from '../index.js'

const root = mkdtempSync(join(tmpdir(), 'parley-manifest-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const base = { id: 'notifier', name: 'Notifier', version: '1.0.0', description: 'Tells someone', events: ['message_received'] }
const PY = 'def on_message_received(event, sdk):\n    sdk.log(event["message"])\n'
let folders = 0

function folder(manifest: unknown, files: Record<string, string> = { 'handler.py': PY }): string {
  const dir = join(root, `p${++folders}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'plugin.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

function errorOf(load: () => unknown): ManifestError {
  try {
    load()
  } catch (error) {
    if (error instanceof ManifestError) return error
    throw error
  }
  throw new Error('expected a ManifestError')
}

describe('a plugin folder as a Parley plugin', () => {
  it('turns plugin.json into a plugin definition whose variables are its configuration', () => {
    const plugin = manifestPlugin(folder({ ...base, variables: [
      { name: 'WEBHOOK_URL', type: 'string', description: 'Where to post' },
      { name: 'MIN_COUNT', type: 'number' }, { name: 'ENABLED', type: 'boolean' }, { name: 'TAGS', type: 'array' },
    ] }))
    expect(plugin.definition.name).toBe('notifier')
    expect(plugin.definition.version).toBe('1.0.0')
    const schema = plugin.definition.configuration.schema as z.AnyZodObject
    expect(schema.parse({ WEBHOOK_URL: 'http://x', MIN_COUNT: 3, ENABLED: true, TAGS: ['a', 1] })).toEqual({ WEBHOOK_URL: 'http://x', MIN_COUNT: 3, ENABLED: true, TAGS: ['a', 1] })
    expect(schema.parse({})).toEqual({})
    expect(schema.shape['WEBHOOK_URL'].description).toBe('Where to post')
    expect(schema.safeParse({ MIN_COUNT: 'three' }).success).toBe(false)
  })

  it('is added to a bot like any plugin, its configuration checked against the variables', () => {
    const dir = folder({ ...base, variables: [{ name: 'MIN_COUNT', type: 'number' }] })
    const bot = new BotDefinition({})
    bot.addPlugin(manifestPlugin(dir), { configuration: { MIN_COUNT: 2 } })
    expect(Object.keys(bot.plugins)).toEqual(['notifier'])
    expect(() => new BotDefinition({}).addPlugin(manifestPlugin(dir), { alias: 'n', configuration: { MIN_COUNT: 'x' } })).toThrow(/MIN_COUNT/)
  })

  it('reads a relative folder from the file that names it', () => {
    const dir = folder(base)
    const fromHere = relative(dirname(fileURLToPath(import.meta.url)), dir)
    expect(process.cwd()).not.toBe(dirname(fileURLToPath(import.meta.url)))
    expect(manifestPlugin(fromHere).dir).toBe(dir)
  })

  it.each([
    [{ ...base, id: 'Notifier' }, 'id: use lowercase letters, digits and _'],
    [{ ...base, id: '__proto__' }, 'id: use lowercase letters'],
    [{ ...base, version: '1.0' }, 'version: use a semantic version such as 1.0.0'],
    [{ ...base, events: ['message_recieved'] }, 'events[0]: "message_recieved" is not an event Parley knows; use one of message_received, message_sent, turn_complete, session_created, event_received'],
    [{ ...base, events: 'message_received' }, 'events must be an array, not string'],
    [{ ...base, id: 5 }, 'id must be a string, not number'],
    [{ ...base, variables: [{ name: 'A', type: 'string', description: 5 }] }, 'variables[0].description must be a string, not number'],
    [{ ...base, variables: ['WEBHOOK_URL'] }, 'variables[0] must be an object, not string'],
    [{ ...base, description: undefined }, 'description is required'],
    [{ ...base, variables: [{ name: 'X', type: 'float' }] }, 'variables[0].type: use one of "string", "number", "boolean", "array"'],
    [{ ...base, variables: [{ name: 'X', type: 'string' }, { name: 'X', type: 'number' }] }, 'variables: names a variable twice'],
    [{ ...base, variables: [{ name: '__proto__', type: 'string' }] }, 'variables[0].name: use letters, digits and _, starting with a letter or one _'],
    [{ ...base, name: 'x\u0000'.repeat(200) }, 'name: must be at most 200 characters'],
    [[], 'the manifest must be an object, not array'],
  ])('refuses a bad manifest, naming the field (%#)', (manifest, message) => {
    const error = errorOf(() => manifestPlugin(folder(manifest)))
    expect(error.code).toBe('MANIFEST_INVALID')
    expect(error.message).toContain('plugin.json is invalid')
    expect(error.message).toContain(message)
  })

  it('refuses JSON that does not parse, and a folder without plugin.json', () => {
    expect(errorOf(() => manifestPlugin(folder('{ "id": '))).message).toMatch(/plugin\.json is not valid JSON/)
    expect(errorOf(() => manifestPlugin(join(root, 'nowhere'))).code).toBe('MANIFEST_NOT_FOUND')
  })

  it('names each on_<event> a Python handler lacks, and a handler that does not parse', () => {
    const missing = errorOf(() => manifestPlugin(folder({ ...base, events: ['message_received', 'turn_complete', 'message_sent'] })))
    expect(missing.code).toBe('MANIFEST_HANDLER_MISSING')
    expect(missing.message).toMatch(/handler\.py does not define on_turn_complete, on_message_sent/)
    const broken = errorOf(() => manifestPlugin(folder(base, { 'handler.py': 'def on_message_received(event, sdk)\n  pass\n' })))
    expect(broken.message).toMatch(/handler\.py is not valid Python/)
  })

  it('asks for a handler file when there is none, and for one when there are two', () => {
    expect(errorOf(() => manifestPlugin(folder(base, {}))).message).toMatch(/has no handler file; add handler\.py, handler\.ts or handler\.js/)
    expect(errorOf(() => manifestPlugin(folder(base, { 'handler.py': PY, 'handler.js': '' }))).message).toMatch(/several handler files \(handler\.js, handler\.py\)/)
  })

  it('says Python is needed when it cannot run', () => {
    const previous = process.env['PARLEY_PYTHON']
    process.env['PARLEY_PYTHON'] = join(root, 'no-python-here')
    try {
      const error = errorOf(() => manifestPlugin(folder(base)))
      expect(error.code).toBe('MANIFEST_PYTHON_MISSING')
      expect(error.message).toMatch(/needs Python 3, but ".*no-python-here" could not run .*install python3 on the PATH/)
    } finally {
      if (previous === undefined) delete process.env['PARLEY_PYTHON']
      else process.env['PARLEY_PYTHON'] = previous
    }
  })

  it('checks a TypeScript handler\'s functions when the bot starts', async () => {
    const plugin = manifestPlugin(folder({ ...base, events: ['message_received', 'turn_complete'] }, {
      'handler.ts': 'export function on_message_received(event: { message: string }, sdk: unknown): void {}\n',
    }))
    const register = plugin.implementation.register as () => Promise<void>
    await expect(register()).rejects.toThrow(/handler\.ts does not define on_turn_complete/)
  })
})

describe('a plugin folder\'s routes.py', () => {
  const routes = [
    'from flask import Blueprint, jsonify, render_template, request',
    '',
    'def create_blueprint():',
    "    bp = Blueprint('notifier', __name__, template_folder='templates')",
    '',
    "    @bp.route('/page')",
    '    def page():',
    "        return render_template('page.html', name=request.args.get('name', 'world'))",
    '',
    "    @bp.route('/api/echo', methods=['POST'])",
    '    def echo():',
    "        return jsonify({'got': request.get_json(), 'auth': request.headers.get('x-probe')}), 201",
    '',
    "    @bp.route('/api/broken')",
    '    def broken():',
    '        raise ValueError("nope")',
    '',
    '    return bp',
  ].join('\n')

  it('answers requests through the Flask blueprint create_blueprint() returns, templates included', async () => {
    const dir = folder(base, { 'handler.py': PY, 'routes.py': routes })
    mkdirSync(join(dir, 'templates'))
    writeFileSync(join(dir, 'templates', 'page.html'), '<h1>Hello {{ name }}</h1>')
    const plugin = manifestPlugin(dir)
    const page = await plugin.http!({ method: 'GET', path: '/page', query: { name: '<Ada>' } })
    expect(page.status).toBe(200)
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8')
    expect(Buffer.from(page.body).toString()).toBe('<h1>Hello &lt;Ada&gt;</h1>')
    const echo = await plugin.http!({ method: 'POST', path: '/api/echo', headers: { 'content-type': 'application/json', 'x-probe': 'yes' }, body: '{"a":[1,2]}' })
    expect(echo.status).toBe(201)
    expect(JSON.parse(Buffer.from(echo.body).toString())).toEqual({ got: { a: [1, 2] }, auth: 'yes' })
    expect((await plugin.http!({ method: 'GET', path: '/missing' })).status).toBe(404)
    expect((await plugin.http!({ method: 'GET', path: '/api/broken' })).status).toBe(500)
  })

  it('is only for Python handlers, and absent without routes.py', () => {
    expect(manifestPlugin(folder(base)).http).toBeUndefined()
    expect(errorOf(() => manifestPlugin(folder(base, { 'handler.js': '', 'routes.py': routes }))).message).toMatch(/routes\.py runs beside handler\.py/)
  })
})
