import { ParleyError } from '@parley/sdk'

/** A version of a bot as the server lists it. */
export interface DeploymentInfo {
  readonly botId: string
  readonly version: number
  readonly createdAt: string
  readonly active: boolean
  readonly size: number
}

export interface DeployOutcome {
  readonly deployment: DeploymentInfo
  readonly previous?: number
}

/** Where a Parley server is, and the admin token it takes deployments with. */
export interface ServerAccess {
  readonly url: string
  readonly token: string
}

export type RemoteErrorCode = 'SERVER_REFUSED' | 'SERVER_UNREACHABLE'

/** The server refused a call (its code, status and message, and each state or table at fault), or could not be reached. */
export class RemoteError extends ParleyError {
  constructor(
    override readonly code: RemoteErrorCode,
    message: string,
    readonly status = 0,
  ) {
    super(code, message)
  }
}

export function deploy(access: ServerAccess, botId: string, body: { bundle: string; definition: string; force?: boolean }): Promise<DeployOutcome> {
  return call(access, 'POST', `/v1/deployments/${encodeURIComponent(botId)}`, body) as Promise<DeployOutcome>
}

export function rollback(access: ServerAccess, botId: string, body: { version?: number; force?: boolean }): Promise<DeployOutcome> {
  return call(access, 'POST', `/v1/deployments/${encodeURIComponent(botId)}/rollback`, body) as Promise<DeployOutcome>
}

export async function listDeployments(access: ServerAccess): Promise<DeploymentInfo[]> {
  return ((await call(access, 'GET', '/v1/deployments')) as { deployments: DeploymentInfo[] }).deployments
}

async function call(access: ServerAccess, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${access.url.replace(/\/+$/, '')}${path}`
  let response: Response
  try {
    response = await fetch(url, {
      method, headers: { authorization: `Bearer ${access.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error instanceof Error ? error.message : String(error))
    throw new RemoteError('SERVER_UNREACHABLE', `cannot reach the Parley server at ${access.url}: ${cause}; check --url and that \`parley serve\` runs there`)
  }
  const text = await response.text()
  if (response.ok) return JSON.parse(text) as unknown
  throw refused(response.status, text)
}

function refused(status: number, text: string): RemoteError {
  let error: { code?: string; message?: string; issues?: { path: string; message: string }[] } = {}
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {}
  } catch {
    // Not a Parley server's answer (a proxy's page): its status says enough.
  }
  const issues = (error.issues ?? []).map((issue) => `\n  ${issue.path}: ${issue.message}`).join('')
  return new RemoteError('SERVER_REFUSED', `the server answered ${status}${error.code ? ` ${error.code}` : ''}: ${error.message ?? (text.slice(0, 200) || 'no details')}${issues}`, status)
}
