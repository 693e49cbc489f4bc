import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * Type-checks snippets (each a module in this folder's context) in one program and returns each one's
 * diagnostics as text, so tests can assert that a misuse is reported and that the message names the field.
 */
export function typeErrors(snippets: Record<string, string>): Record<string, string[]> {
  const files = Object.fromEntries(Object.entries(snippets).map(([name, code]) => [path.join(here, `__snippet_${name}.ts`), code]))
  const config = ts.getParsedCommandLineOfConfigFile(path.join(here, '..', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
  const host = ts.createCompilerHost(config.options)
  const readFile = host.readFile.bind(host)
  host.readFile = (file) => files[file] ?? readFile(file)
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (file) => file in files || fileExists(file)
  const program = ts.createProgram(Object.keys(files), { ...config.options, noEmit: true }, host)
  return Object.fromEntries(Object.entries(files).map(([file]) => [path.basename(file, '.ts').replace('__snippet_', ''), messagesOf(program, file)]))
}

function messagesOf(program: ts.Program, file: string): string[] {
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}
