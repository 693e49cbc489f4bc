import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { GENERATED_DIR } from '../codegen/layout.js'
import type { GeneratedFile } from '../codegen/emit/index.js'

/** The generated files as they are on disk now. */
export function readGeneratedFiles(projectDir: string): GeneratedFile[] {
  const root = join(projectDir, GENERATED_DIR)
  if (!existsSync(root)) return []
  return listFiles(root).map((path) => ({ path: toProjectPath(projectDir, path), content: readFileSync(path, 'utf8') }))
}

/**
 * Writes the generated files and deletes any other file under the generated directory, which belongs
 * to `parley gen` alone. Files whose content is unchanged are left untouched, so watchers stay quiet.
 */
export function writeGeneratedFiles(projectDir: string, files: readonly GeneratedFile[]): void {
  const wanted = new Set(files.map((f) => f.path))
  for (const existing of readGeneratedFiles(projectDir)) {
    if (!wanted.has(existing.path)) rmSync(join(projectDir, existing.path))
  }
  const current = new Map(readGeneratedFiles(projectDir).map((f) => [f.path, f.content]))
  for (const file of files) {
    if (current.get(file.path) === file.content) continue
    mkdirSync(dirname(join(projectDir, file.path)), { recursive: true })
    writeFileSync(join(projectDir, file.path), file.content)
  }
  removeEmptyDirectories(join(projectDir, GENERATED_DIR))
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
}

function removeEmptyDirectories(dir: string): void {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirectories(join(dir, entry.name))
  }
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true })
}

function toProjectPath(projectDir: string, path: string): string {
  return relative(projectDir, path).split(sep).join('/')
}
