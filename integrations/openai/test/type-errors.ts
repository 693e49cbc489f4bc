import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Type-checks snippets (modules in this folder) in one program; returns each one's diagnostics as text. */
export function typeErrors(snippets: Record<string, string>): Record<string, string> {
  const files = new Map(Object.entries(snippets).map(([name, code]) => [path.join(here, `__snippet_${name}.ts`), code]))
  const config = ts.getParsedCommandLineOfConfigFile(path.join(here, '..', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
  const host = ts.createCompilerHost(config.options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.readFile = (file) => files.get(file) ?? readFile(file)
  host.fileExists = (file) => files.has(file) || fileExists(file)
  const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true }, host)
  const textOf = (file: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')
  return Object.fromEntries(Object.keys(snippets).map((name) => [name, textOf(path.join(here, `__snippet_${name}.ts`))]))
}
