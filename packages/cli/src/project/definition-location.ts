import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Node, Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from 'ts-morph'
import { DEFINITION_KINDS, definitionFileName } from '../codegen/load/definition-files.js'
import type { SourceLocation } from '@parley/sdk'
import { locatedError } from './located-error.js'
import { ownFile } from './source-location.js'

/**
 * Where in the user's code an error about a definition points: the line of the field at fault when it
 * is written in the object literal given to the definition (`type: 'global'` inside
 * `states: { metrics: { … } }`), else the line that built the definition or added the package.
 * Looks through `cause` (the CLI wraps what a definition file throws); undefined for other errors.
 *
 * The error's own source is used when it is a file of the project. When it is not (a project loaded
 * as CommonJS runs from generated code without line numbers, and the first frame that names a file is
 * then the CLI's), the project's definition file is searched for the definition and the field instead.
 */
export function definitionErrorLocation(error: unknown, projectDir: string): SourceLocation | undefined {
  const located = locatedError(error)
  if (!located) return undefined
  const path = [...(located.entity?.split('.') ?? []), ...(located.field?.split('.') ?? [])]
  if (ownFile(located.source.file, projectDir)) return fieldLocation(located.source, path) ?? located.source
  const definition = definitionCall(projectDir)
  return definition && (fieldLocation(definition, path) ?? definition)
}

/** The `new …Definition(` of the project's definition file. */
function definitionCall(projectDir: string): SourceLocation | undefined {
  const file = DEFINITION_KINDS.map((kind) => join(projectDir, definitionFileName(kind))).find((path) => existsSync(path))
  if (!file) return undefined
  const source = parse(file)
  const call = source.getDescendantsOfKind(SyntaxKind.NewExpression).find((node) => /Definition$/.test(node.getExpression().getText()))
  return call && { file, ...source.getLineAndColumnAtPos(call.getStart()) }
}

function parse(file: string): SourceFile {
  return new Project({ useInMemoryFileSystem: false, skipAddingFilesFromTsConfig: true }).addSourceFileAtPath(file)
}

/** The field's own line, found by walking the object literal passed at the call the error points at. */
function fieldLocation(call: SourceLocation, path: readonly string[]): SourceLocation | undefined {
  if (path.length === 0 || !existsSync(call.file)) return undefined
  const file = parse(call.file)
  const position = file.compilerNode.getPositionOfLineAndCharacter(call.line - 1, call.column - 1)
  const invocation = file.getDescendantAtPos(position)?.getFirstAncestor((node) => Node.isNewExpression(node) || Node.isCallExpression(node))
  let props = objectLiteral(invocation && (Node.isNewExpression(invocation) || Node.isCallExpression(invocation)) ? invocation.getArguments()[0] : undefined)
  let found: Node | undefined
  for (const name of path) {
    const property = props?.getProperty((p) => propertyName(p) === name)
    if (!property) break
    found = property
    props = objectLiteral(Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined)
  }
  if (!found) return undefined
  const { line, column } = file.getLineAndColumnAtPos(found.getStart())
  return { file: call.file, line, column }
}

/** An object literal written in place, or behind a `const` of this file. */
function objectLiteral(node: Node | undefined): ObjectLiteralExpression | undefined {
  if (!node) return undefined
  if (Node.isObjectLiteralExpression(node)) return node
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)) return objectLiteral(node.getExpression())
  if (Node.isIdentifier(node)) {
    const declaration = node.getDefinitionNodes().find((d) => Node.isVariableDeclaration(d) && d.getSourceFile() === node.getSourceFile())
    return declaration && Node.isVariableDeclaration(declaration) ? objectLiteral(declaration.getInitializer()) : undefined
  }
  return undefined
}

function propertyName(property: Node): string | undefined {
  if (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property)) {
    const name = property.getNameNode()
    return Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) ? name.getLiteralText() : name.getText()
  }
  return undefined
}

