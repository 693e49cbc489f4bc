/**
 * @parley/cli — `parley`, and the code generation behind it, for programs that drive it directly.
 */
export { main } from './main.js'
export { COMMANDS } from './commands/index.js'
export type { CommandSpec, CommandContext } from './commands/command.js'
export { generateProject, GENERATED_DIR, type GeneratedFile } from './codegen/generate.js'
export { findDefinitionFile, type DefinitionFile, type DefinitionKind } from './codegen/load/definition-files.js'
export { importDefinition, type LoadedDefinition } from './codegen/load/import-definition.js'
export { resolveTypeModel, type TypeModel } from './codegen/resolve/index.js'
export { emitModule } from './codegen/emit/index.js'
export { typecheckProject, formatDiagnostic, type TypeDiagnostic } from './project/typecheck.js'
export { findDrift, describeDrift, type FileDrift } from './project/drift.js'
export { CliError, type CliErrorCode } from './errors/index.js'
