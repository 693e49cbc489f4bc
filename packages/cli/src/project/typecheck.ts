import { existsSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { Project, ts } from 'ts-morph'
import { CliError } from '../errors/cli-error.js'
import type { GeneratedFile } from '../codegen/emit/index.js'
import { GENERATED_DIR } from '../codegen/layout.js'

/** One type error, located for a person and for CI log parsers (`file:line:column`). */
export interface TypeDiagnostic {
  /** Relative to the project, with `/`; absent for errors about the configuration as a whole. */
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly code: number
  readonly message: string
  /** Where the expected type comes from: for a field of the wrong type, the field's declaration. */
  readonly related: readonly string[]
}

export interface TypecheckOptions {
  /** Stands in for the generated directory, so a check sees what `parley gen` would write. */
  readonly generated?: readonly GeneratedFile[]
  /**
   * Whether `*.definition.ts` files are checked as files of their own (they still are wherever code
   * imports them). `parley check` leaves them out by default: `gen` has just run them, and building a
   * definition validates every name, schema and reference in it, naming the field; inferring each zod
   * schema's type again is most of what type-checking a large bot costs.
   */
  readonly definitions?: boolean
  /** Reports only errors in `*.definition.ts` files (what `parley check` shows beside a definition that fails to load). */
  readonly onlyDefinitions?: boolean
  /** Told after each of the project's files is checked: how many of how many. */
  readonly onProgress?: (checked: number, total: number) => void
}

/**
 * Type-checks the project with its own tsconfig.json. (ts-morph's project brings TypeScript's lib
 * files along, so nothing beyond the CLI's dependencies is needed.)
 */
export function typecheckProject(projectDir: string, options: TypecheckOptions = {}): TypeDiagnostic[] {
  const tsConfigFilePath = join(projectDir, 'tsconfig.json')
  if (!existsSync(tsConfigFilePath)) throw new CliError('PROJECT_INVALID', `no tsconfig.json in ${projectDir}; the project is type-checked with it (\`parley init\` writes one)`)
  // The compiler finds the files the project imports itself; ts-morph adding each of them to the project
  // first only doubles the work, and would make installed packages look like the project's own files.
  const project = new Project({ tsConfigFilePath, compilerOptions: { noEmit: true }, skipFileDependencyResolution: true })
  if (options.generated) overlay(project, projectDir, options.generated)
  if (options.definitions === false) leaveOutDefinitions(project)
  const program = project.getProgram().compilerObject
  const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...preEmitDiagnostics(program, options)]
  return diagnostics.map((d) => toDiagnostic(projectDir, d))
}

/**
 * What `ts.getPreEmitDiagnostics(program)` gives, computed file by file so progress can be shown:
 * declaration files first (quick with skipLibCheck), then the project's own, counted. The TypeScript
 * sources of installed packages (a linked Parley checkout resolves to them) are left out: their errors
 * are the package's to check, and checking every function body in them costs more than the project.
 */
function preEmitDiagnostics(program: ts.Program, options: TypecheckOptions): readonly ts.Diagnostic[] {
  const wanted = (file: ts.SourceFile) => !options.onlyDefinitions || file.fileName.endsWith('.definition.ts')
  const ownOrDeclaration = (file: ts.SourceFile) => file.isDeclarationFile || !program.isSourceFileFromExternalLibrary(file)
  const files = program.getSourceFiles().filter((file) => wanted(file) && ownOrDeclaration(file))
  const declarations = files.filter((file) => file.isDeclarationFile)
  const own = files.filter((file) => !file.isDeclarationFile)
  // As TypeScript decides whether declaration files would be emitted.
  const declarationsToo = program.getCompilerOptions().declaration === true || program.getCompilerOptions().composite === true
  const diagnostics: ts.Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
  const check = (file: ts.SourceFile) => {
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file))
    if (declarationsToo) diagnostics.push(...program.getDeclarationDiagnostics(file))
  }
  declarations.forEach(check)
  own.forEach((file, index) => {
    check(file)
    options.onProgress?.(index + 1, own.length)
  })
  return ts.sortAndDeduplicateDiagnostics(diagnostics)
}

/** Replaces the generated directory on disk (stale files included) with the files given. */
function overlay(project: Project, projectDir: string, generated: readonly GeneratedFile[]): void {
  const root = resolve(projectDir, GENERATED_DIR) + sep
  for (const file of project.getSourceFiles()) {
    if (resolve(file.getFilePath()).startsWith(root)) project.removeSourceFile(file)
  }
  for (const file of generated) project.createSourceFile(resolve(projectDir, file.path), file.content, { overwrite: true })
}

function leaveOutDefinitions(project: Project): void {
  for (const file of project.getSourceFiles('**/*.definition.ts')) project.removeSourceFile(file)
}

function toDiagnostic(projectDir: string, d: ts.Diagnostic): TypeDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n')
  const related = (d.relatedInformation ?? []).map((r) => `${locate(projectDir, r)}${ts.flattenDiagnosticMessageText(r.messageText, ' ')}`)
  return { ...position(projectDir, d), code: d.code, message, related }
}

function position(projectDir: string, d: ts.Diagnostic | ts.DiagnosticRelatedInformation): { file?: string; line?: number; column?: number } {
  if (!d.file || d.start === undefined) return {}
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start)
  return { file: relative(projectDir, d.file.fileName).split(sep).join('/'), line: line + 1, column: character + 1 }
}

function locate(projectDir: string, d: ts.DiagnosticRelatedInformation): string {
  const at = position(projectDir, d)
  return at.file ? `${at.file}:${at.line}:${at.column}: ` : ''
}

/** `src/index.ts:12:5 - error TS2322: …`, with the rest of the explanation indented below. */
export function formatDiagnostic(d: TypeDiagnostic): string {
  const where = d.file ? `${d.file}:${d.line}:${d.column} - ` : ''
  const [first, ...rest] = d.message.split('\n')
  return [`${where}error TS${d.code}: ${first}`, ...rest.map((line) => `    ${line}`), ...d.related.map((line) => `    ${line}`)].join('\n')
}
