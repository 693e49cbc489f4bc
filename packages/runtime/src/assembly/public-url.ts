import { RuntimeError } from '../engine/errors.js'

/** The runtime's public URL as given, once it is an absolute http(s) URL without query or fragment. */
export function checkedPublicUrl(given: string): string {
  const url = URL.canParse(given) ? new URL(given) : undefined
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) return given
  throw new RuntimeError('PUBLIC_URL_INVALID', `publicUrl ${JSON.stringify(given.slice(0, 80))} is not an absolute http(s) URL without query or fragment; give the address the runtime's HTTP server is reached at, such as https://bots.example.com`)
}
