import { useEffect, useRef, useState } from 'preact/hooks'

export type StreamStatus = 'connecting' | 'live' | 'reconnecting'

/**
 * Listens to a server-sent event stream of the runtime (the session cookie goes along, same origin): each
 * `event` is parsed and handed on; the browser reconnects a dropped stream itself.
 */
export function useStream<T>(url: string | undefined, event: string, onData: (data: T) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting')
  // The latest handler, so the stream follows the URL only and is not reopened on each render.
  const handler = useRef(onData)
  handler.current = onData
  useEffect(() => {
    if (!url) return undefined
    const source = new EventSource(url, { withCredentials: true })
    source.addEventListener('ready', () => setStatus('live'))
    source.addEventListener('error', () => setStatus('reconnecting'))
    source.addEventListener(event, (message) => handler.current(JSON.parse((message as MessageEvent<string>).data) as T))
    return () => source.close()
  }, [url, event])
  return status
}
