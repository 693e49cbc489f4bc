import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PythonBridge, type BridgeHost } from './python-bridge.js'

const root = mkdtempSync(join(tmpdir(), 'parley-bridge-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function handler(source: string): string {
  const file = join(root, `handler${Math.random().toString(36).slice(2)}.py`)
  writeFileSync(file, source)
  return file
}

function recordingHost(): BridgeHost & { readonly lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    log: (message, level) => void lines.push(`${level} ${message}`),
    call: async (method, args) => ({ method, args }),
    output: (line) => void lines.push(`printed ${line}`),
  }
}

describe('the Python bridge', () => {
  it('answers sdk calls and keeps one child across events', async () => {
    const bridge = new PythonBridge(handler([
      'import os',
      'def on_ping(event, sdk):',
      '    answer = sdk._call("echo", {"n": event["n"], "text": "nul\\u0000 and ünïcode"})',
      '    sdk.log(f"{answer[\'args\']} pid={os.getpid()}", "debug")',
    ].join('\n')), 'python3', undefined)
    const host = recordingHost()
    expect(await bridge.run('ping', { n: 1 }, {}, host)).toEqual({ error: undefined, traceback: undefined })
    expect(await bridge.run('ping', { n: 2 }, {}, host)).toEqual({ error: undefined, traceback: undefined })
    bridge.close()
    const pids = host.lines.map((line) => line.replace(/^.*pid=/, ''))
    expect(pids[0]).toBe(pids[1])
    expect(host.lines.map((line) => line.replace(/ pid=.*$/, ''))).toEqual([
      "debug {'n': 1, 'text': 'nul\\x00 and ünïcode'}", "debug {'n': 2, 'text': 'nul\\x00 and ünïcode'}",
    ])
  })

  it('stops a handler that never returns, and starts again for the next event', async () => {
    const bridge = new PythonBridge(handler('import time\ndef on_ping(event, sdk):\n    if event["stuck"]:\n        time.sleep(3600)\n    sdk.log("back")\n'), 'python3', undefined)
    const host = recordingHost()
    bridge.timeoutMs = 1000
    await expect(bridge.run('ping', { stuck: true }, {}, host)).rejects.toThrow(/did not finish on_ping within 1 s, so it was stopped; it starts again with the next event/)
    bridge.timeoutMs = 600_000
    expect(await bridge.run('ping', { stuck: false }, {}, host)).toEqual({ error: undefined, traceback: undefined })
    bridge.close()
    expect(host.lines).toEqual(['info back'])
  })

  it('reports a handler that fails to import, with its traceback', async () => {
    const bridge = new PythonBridge(handler('raise RuntimeError("no config file")\n'), 'python3', undefined)
    await expect(bridge.missing(['ping'])).rejects.toThrow(/failed to load: RuntimeError\('no config file'\)\nTraceback/)
  })
})
