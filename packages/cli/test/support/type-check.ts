import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { setImmediate as yieldToEvents } from 'node:timers/promises'
import ts from 'typescript'

/**
 * Type-checking for compile tests. Every project checked in one test process shares one document
 * registry, so TypeScript's lib files and the SDK's sources are parsed once, not once per project; and
 * diagnostics are computed file by file, yielding between files, so a long check never holds the test
 * worker's event loop (vitest's worker gives up on a reply it has not read within 60 s, which a loaded
 * machine reaches in one synchronous check).
 */
const registry = ts.createDocumentRegistry()

export interface CheckedProject {
  /** Every diagnostic of the project's own files (not lib or declaration files), in file order. */
  diagnostics(): Promise<ts.Diagnostic[]>
  /** Checks `file` with this text instead of what is on disk, from now on. */
  replace(file: string, text: string): void
  /** The project's own files, as absolute paths. */
  readonly files: readonly string[]
}

export function checkedProject(tsconfigPath: string): CheckedProject {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) } })!
  const replaced = new Map<string, { text: string; version: number }>()
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...config.options, noEmit: true }),
    getScriptFileNames: () => config.fileNames,
    getScriptVersion: (file) => String(replaced.get(file)?.version ?? 0),
    getScriptSnapshot: (file) => {
      const text = replaced.get(file)?.text ?? (ts.sys.fileExists(file) ? readFileSync(file, 'utf8') : undefined)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => dirname(tsconfigPath),
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => replaced.has(file) || ts.sys.fileExists(file),
    readFile: (file) => replaced.get(file)?.text ?? ts.sys.readFile(file),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  }
  const service = ts.createLanguageService(host, registry)
  return {
    files: config.fileNames,
    replace: (file, text) => void replaced.set(file, { text, version: (replaced.get(file)?.version ?? 0) + 1 }),
    diagnostics: async () => {
      const found: ts.Diagnostic[] = [...service.getCompilerOptionsDiagnostics()]
      for (const file of config.fileNames) {
        await yieldToEvents()
        found.push(...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file))
      }
      return found
    },
  }
}
