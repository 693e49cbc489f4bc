import path from 'node:path'
import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const here = path.dirname(fileURLToPath(import.meta.url))
const config = ts.getParsedCommandLineOfConfigFile(path.join(here, '..', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
const options = { ...config.options, noEmit: true }
const host = ts.createCompilerHost(options)

/** The last program built: the next one reuses its files (lib, zod, the SDK's sources) instead of parsing them again. */
let previous: ts.Program | undefined

/**
 * Type-checks snippets (each a module in this folder's context) in one program and returns each one's
 * diagnostics as text, so tests can assert that a misuse is reported and that the message names the field.
 * Yields between snippets: a long synchronous check would starve the test worker's event loop.
 */
export async function typeErrors(snippets: Record<string, string>): Promise<Record<string, string[]>> {
  const files = Object.fromEntries(Object.entries(snippets).map(([name, code]) => [path.join(here, `__snippet_${name}.ts`), code]))
  const snippetHost: ts.CompilerHost = {
    ...host,
    readFile: (file) => files[file] ?? host.readFile(file),
    fileExists: (file) => file in files || host.fileExists(file),
    getSourceFile: (file, language, onError) => (file in files ? ts.createSourceFile(file, files[file]!, language) : host.getSourceFile(file, language, onError)),
  }
  const program = ts.createProgram(Object.keys(files), options, snippetHost, previous)
  previous = program
  const result: Record<string, string[]> = {}
  for (const file of Object.keys(files)) {
    await yieldToEvents()
    result[path.basename(file, '.ts').replace('__snippet_', '')] = messagesOf(program, file)
  }
  return result
}

function messagesOf(program: ts.Program, file: string): string[] {
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}
