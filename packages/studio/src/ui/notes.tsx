import type { ComponentChildren } from 'preact'
import { ApiError } from '../api/http.js'
import type { Loaded } from './async.js'

export function Loading({ what }: { what: string }) {
  return <p class="note" role="status" aria-live="polite">Loading {what}…</p>
}

/** An empty list, with what to do to fill it. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="note empty" role="status">{children}</div>
}

/** What went wrong, and what to do about it. */
export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="note error" role="alert">
      <p>{advice(error)}</p>
      {retry && <button type="button" onClick={retry}>Try again</button>}
    </div>
  )
}

function advice(error: Error): string {
  if (!(error instanceof ApiError)) return error.message
  if (error.status === 404 && error.code.startsWith('HTTP_')) return 'This runtime does not offer this view (404): update @parley/runtime.'
  if (error.status === 403) return `${error.message} — your token does not cover this bot; log in with an admin token.`
  return error.message
}

/** Shows a loaded value with `render`, or its loading and error states. */
export function Show<T>({ loaded, what, retry, children }: { loaded: Loaded<T>; what: string; retry?: () => void; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <Loading what={what} />
  if (loaded.state === 'error') return <ErrorNote error={loaded.error} retry={retry} />
  return <>{children(loaded.value)}</>
}
