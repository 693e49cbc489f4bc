import { readFileSync } from 'node:fs'

interface CliPackageJson {
  readonly version: string
  readonly dependencies: Readonly<Record<string, string>>
}

/** The CLI's package.json, read once: new projects depend on the versions it was released with. */
let cached: CliPackageJson | undefined

function cliPackageJson(): CliPackageJson {
  cached ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as CliPackageJson
  return cached
}

export function cliVersion(): string {
  return cliPackageJson().version
}

/** `^0.1.0` for new projects, whatever range the CLI itself declares. */
export function sdkVersionRange(): string {
  const declared = cliPackageJson().dependencies['@parley/sdk'] ?? cliVersion()
  return `^${declared.replace(/^[\^~]/, '')}`
}
