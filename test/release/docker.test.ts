import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DockerfileParser } from 'dockerfile-ast'
import { validate } from 'dockerfile-utils'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT, rootPackage } from './support/workspaces.js'

// The container files, checked without Docker (this machine has only its client): the Dockerfile by the
// validator of the Docker language server, both files against what they must agree with. Where a
// Docker daemon answers, the image is also built.

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')
const instructions = DockerfileParser.parse(dockerfile).getInstructions()
const compose = parse(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8')) as Compose

interface Compose {
  services: Record<string, {
    image?: string
    build?: { context: string; args?: Record<string, string> }
    environment?: Record<string, string>
    ports?: string[]
    volumes?: string[]
    depends_on?: Record<string, { condition: string }>
    healthcheck?: { test: string[] }
  }>
}

const argsOf = (keyword: string) => instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '')
const argDefault = (name: string) => argsOf('ARG').map((a) => a.split('=')).find(([key]) => key === name)?.[1]

describe('the Dockerfile', () => {
  it('has no problem the Dockerfile validator finds', () => {
    expect(validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([])
  })

  it('builds on the official Node.js image, at the major version the packages require', () => {
    const major = /(\d+)/.exec(rootPackage().engines?.node ?? '')?.[1]
    expect(argDefault('NODE_VERSION')).toBe(major)
    expect(argsOf('FROM').every((from) => from.startsWith('node:${NODE_VERSION}-'))).toBe(true)
  })

  it('installs from the lockfile, builds Parley, and runs parley serve as an unprivileged user, its data in a volume', () => {
    const run = argsOf('RUN').join('\n')
    expect(run).toContain('npm ci')
    expect(run).toContain('--filter=@parley/cli...')
    expect(argsOf('CMD').join()).toMatch(/"packages\/cli\/bin\/parley\.js", "serve", "--data", "\/data"/)
    expect(existsSync(join(REPO_ROOT, 'packages/cli/bin/parley.js'))).toBe(true)
    expect(argsOf('VOLUME')).toEqual(['/data'])
    expect(argsOf('USER')).toEqual(['node'])
    expect(argsOf('HEALTHCHECK').join()).toContain('/health')
  })

  it('leaves local installs, builds and data out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n')
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '**/.parley-data', '.git']))
  })
})

describe('compose.yaml', () => {
  const parley = compose.services['parley']!
  const postgres = compose.services['postgres']!

  it('runs the image of this Dockerfile against a PostgreSQL service it waits for', () => {
    expect(parley.build?.context).toBe('.')
    expect(parley.volumes).toEqual(['parley-data:/data'])
    expect(postgres.image).toMatch(/^postgres:\d+$/)
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready')
    expect(parley.depends_on).toEqual({ postgres: { condition: 'service_healthy' } })
  })

  it('connects to that service with the credentials it creates', () => {
    const env = postgres.environment!
    const url = new URL(parley.environment!['DATABASE_URL']!)
    expect([url.hostname, url.username, url.password, url.pathname]).toEqual(['postgres', env['POSTGRES_USER'], env['POSTGRES_PASSWORD'], `/${env['POSTGRES_DB']}`])
  })

  it('requires API tokens and the web chat secret instead of running without them', () => {
    expect(parley.environment!['PARLEY_API_TOKENS']).toMatch(/^\$\{PARLEY_API_TOKENS:\?/)
    expect(parley.environment!['PARLEY_WEBCHAT_SECRET']).toMatch(/^\$\{PARLEY_WEBCHAT_SECRET:\?/)
  })

  it('publishes the port the image listens on', () => {
    const port = instructions.find((i) => i.getKeyword() === 'EXPOSE')?.getArgumentsContent()
    expect(parley.ports).toEqual([`${port}:${port}`])
    expect(parley.environment!['PORT']).toBe(port)
  })
})

const dockerAnswers = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0

describe.skipIf(!dockerAnswers)('with a Docker daemon', () => {
  it('builds the image', { timeout: 1_800_000 }, () => {
    const build = spawnSync('docker', ['build', '-t', 'parley-test', REPO_ROOT], { encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
  })
})
