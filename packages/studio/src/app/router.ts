import { useEffect, useState } from 'preact/hooks'

// Routes live in the hash (`#/demo/conversations/conv_1?turn=…`): the Studio is one page the runtime serves
// as static files, and a reload or a shared link lands on the same view.

export interface Route {
  readonly parts: readonly string[]
  readonly params: URLSearchParams
}

function current(): Route {
  const [path = '', search = ''] = window.location.hash.replace(/^#/, '').split('?')
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current)
  useEffect(() => {
    const update = () => setRoute(current())
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return route
}

/** The href of a view: `href('demo', 'conversations', id)` with optional query fields. */
export function href(parts: readonly string[], params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()
  return `#/${parts.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`
}

export function navigate(parts: readonly string[], params: Record<string, string | undefined> = {}): void {
  window.location.hash = href(parts, params)
}
