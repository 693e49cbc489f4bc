import { useCallback, useEffect, useState } from 'preact/hooks'

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly error: Error } | { readonly state: 'ready'; readonly value: T }

/** Loads once per change of `deps`, and again on `reload()`. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (error: Error) => live && setLoaded({ state: 'error', error }),
    )
    return () => { live = false }
    // `load` is a new closure each render; what it depends on is in `deps`.
  }, [...deps, round])
  return [loaded, useCallback(() => setRound((n) => n + 1), [])]
}
