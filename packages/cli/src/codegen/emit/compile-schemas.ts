import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { compile, type Options } from 'json-schema-to-typescript'
import type { NamedSchema } from '../resolve/model.js'
import { cacheKey, type CompileCache } from './compile-cache.js'
import { indentDeclaration } from './indent.js'

/**
 * Objects are closed unless their schema says otherwise (zod strips unknown keys, so a plain
 * `z.object` accepts no others). Arrays stay arrays whatever their length limits, as zod infers them.
 */
const OPTIONS: Partial<Options> = {
  bannerComment: '',
  format: false,
  additionalProperties: false,
  declareExternallyReferenced: true,
  ignoreMinAndMaxItems: true,
  unknownAny: true,
}

/** Stands for the declared name while a schema is compiled once for every type that shares it. */
const PLACEHOLDER = 'ParleyGeneratedPlaceholder'

/** Bump when the text made from a compiled declaration changes, so cached ones are not reused. */
const OUTPUT_VERSION = '1'

/**
 * Each payload schema as a declaration of its own name (`export interface TrackEventInput { … }`), in
 * order. A schema is compiled once however many types share it, and not at all when `cache` has it.
 */
export async function compileSchemas(schemas: readonly NamedSchema[], cache: CompileCache): Promise<string[]> {
  const bodies = new Map<string, Promise<string>>()
  const body = async (json: string) => {
    const key = cacheKey(compilerSalt(), json)
    const cached = cache.get(key)
    if (cached !== undefined) return cached
    const compiled = await compileOne(json)
    cache.set(key, compiled)
    return compiled
  }
  return Promise.all(schemas.map(async ({ typeName, schema }) => {
    const json = JSON.stringify(schema)
    if (!bodies.has(json)) bodies.set(json, body(json))
    return (await bodies.get(json)!).replace(PLACEHOLDER, typeName)
  }))
}

async function compileOne(json: string): Promise<string> {
  return tidy(await compile(JSON.parse(json) as Parameters<typeof compile>[0], PLACEHOLDER, OPTIONS))
}

/** Indents the declaration; an object with no properties is compiled with a blank line for a body. */
function tidy(code: string): string {
  return indentDeclaration(code.trim()).replace(/\{\s*\}$/, '{}')
}

let salt: string | undefined

/** What a compiled declaration depends on besides its schema: the compiler's version and options. */
function compilerSalt(): string {
  salt ??= [compilerVersion(), OUTPUT_VERSION, JSON.stringify(OPTIONS)].join('\0')
  return salt
}

function compilerVersion(): string {
  const packageJson = createRequire(import.meta.url).resolve('json-schema-to-typescript/package.json')
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
}
