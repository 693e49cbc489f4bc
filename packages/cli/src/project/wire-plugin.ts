import { Node, Project } from 'ts-morph'
import { CliError } from '../errors/cli-error.js'

/**
 * Adds a plugin to a bot's definition file: imports its package (`import faq from './plugins/faq'`) and
 * adds it under its alias (`bot.addPlugin(faq, { alias: 'faq' })`) just before the default export. The
 * rest of the file is left as it is written.
 */
export function wirePlugin(definitionPath: string, alias: string, from: string): void {
  const file = new Project({ useInMemoryFileSystem: false, skipAddingFilesFromTsConfig: true }).addSourceFileAtPath(definitionPath)
  const name = freeName(identifier(alias), file.getFullText())
  const exported = file.getExportAssignment((e) => !e.isExportEquals())
  if (!exported) throw new CliError('PROJECT_INVALID', `${definitionPath} has no \`export default\`; add the plugin yourself: import ${name} from '${from}', then bot.addPlugin(${name}, { alias: '${alias}' })`)
  const call = `addPlugin(${name}, { alias: '${alias}' })`
  const expression = exported.getExpression()
  if (Node.isIdentifier(expression)) file.insertStatements(exported.getChildIndex(), `${expression.getText()}.${call}`)
  else expression.replaceWithText(Node.isNewExpression(expression) || Node.isCallExpression(expression) ? `${expression.getText()}.${call}` : `(${expression.getText()}).${call}`)
  // As text, so the file keeps its own quotes and semicolons rather than the formatter's.
  file.insertStatements(file.getImportDeclarations().length, `import ${name} from '${from}'`)
  file.saveSync()
}

/** `my-plugin` → `myPlugin`: an alias as a variable name. */
function identifier(alias: string): string {
  return alias.replace(/[-_]+([a-zA-Z0-9])/g, (_, next: string) => next.toUpperCase()).replace(/[^A-Za-z0-9_$]/g, '')
}

/** The name, or the name with `Plugin` after it when the file already uses it. */
function freeName(name: string, text: string): string {
  return new RegExp(`\\b${name}\\b`).test(text) ? `${name}Plugin` : name
}
