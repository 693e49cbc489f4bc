import type { Configuration } from '../configuration.js'

/** Where one server's operations live, and what every request to it carries. */
export interface Endpoint {
  /** The server as messages name it: the base URL, never a key. */
  readonly server: string
  /** The chat-completions URL for a model (for Azure the model is the deployment, part of the path). */
  chatUrl(model: string): string
  /** The model list URL, or `undefined` where the API has none that lists usable models (Azure's lists base models, not deployments). */
  readonly modelsUrl: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly maxRetries: number
}

export function endpointOf(configuration: Configuration, apiKey: string | undefined): Endpoint {
  const base = configuration.baseUrl.replace(/\/+$/, '')
  const common = { server: base, timeoutMs: configuration.timeoutMs, maxRetries: configuration.maxRetries }
  if (configuration.api === 'azure') {
    const version = `api-version=${encodeURIComponent(configuration.azureApiVersion)}`
    return {
      ...common,
      chatUrl: (model) => `${base}/openai/deployments/${encodeURIComponent(model)}/chat/completions?${version}`,
      modelsUrl: undefined,
      headers: { ...configuration.headers, ...(apiKey ? { 'api-key': apiKey } : {}) },
    }
  }
  return {
    ...common,
    chatUrl: () => `${base}/chat/completions`,
    modelsUrl: `${base}/models`,
    headers: { ...configuration.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
  }
}

/** What answers report as their provider when the configuration names none. */
export function providerOf(configuration: Configuration): string {
  if (configuration.provider) return configuration.provider
  if (configuration.api === 'azure') return 'azure-openai'
  const host = new URL(configuration.baseUrl).host
  return host === 'api.openai.com' ? 'openai' : host
}
