import { useState } from 'preact/hooks'
import { ApiError } from '../api/http.js'
import { session } from '../api/studio.js'

/** Exchanges an API token for a session cookie; the token is sent once, in the body, and not kept here. */
export function Login({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const token = new FormData(form).get('token')
    setBusy(true)
    try {
      await session.open(String(token ?? ''))
      form.reset()
      onDone()
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status === 401 ? 'That token is not one this runtime accepts. Use the token `parley dev` printed, or one from PARLEY_API_TOKENS.' : String((cause as Error).message))
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="login">
      <h1>Parley Studio</h1>
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required autoFocus />
        <p class="hint">The token <code>parley dev</code> printed (admin), or one with the scope of a bot.</p>
        {error && <p class="field-error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>Log in</button>
      </form>
    </main>
  )
}
