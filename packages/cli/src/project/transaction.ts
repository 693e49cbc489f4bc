import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readGeneratedFiles, writeGeneratedFiles } from './generated-files.js'

/**
 * Runs `work` on the project in `dir` all or nothing: if it throws, package.json, the generated
 * directory and any other file named in `files` are put back as they were, and paths in `created`
 * (made by the work) are removed. A command that fails leaves the project as it found it.
 */
export async function projectTransaction<T>(dir: string, work: () => Promise<T>, options: { readonly files?: readonly string[]; readonly created?: readonly string[] } = {}): Promise<T> {
  const kept = [join(dir, 'package.json'), ...(options.files ?? [])].map((path) => ({ path, text: existsSync(path) ? readFileSync(path, 'utf8') : undefined }))
  const generated = readGeneratedFiles(dir)
  try {
    return await work()
  } catch (error) {
    for (const { path, text } of kept) {
      if (text === undefined) rmSync(path, { force: true })
      else writeFileSync(path, text)
    }
    writeGeneratedFiles(dir, generated)
    for (const path of options.created ?? []) rmSync(path, { recursive: true, force: true })
    throw error
  }
}
