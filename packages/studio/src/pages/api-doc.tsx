import { useEffect, useRef, useState } from 'preact/hooks'
import { ErrorNote, Loading } from '../ui/notes.js'

/**
 * The runtime's OpenAPI document in Swagger UI, bundled with the Studio (no CDN) and loaded only here.
 * The document is fetched with the session cookie; the validator badge (which calls an outside service) is off.
 */
export function ApiPage() {
  const box = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<'loading' | 'ready' | Error>('loading')
  useEffect(() => {
    let live = true
    void Promise.all([import('swagger-ui-dist/swagger-ui-es-bundle.js'), import('swagger-ui-dist/swagger-ui.css'), fetch('/openapi.json', { credentials: 'same-origin' })])
      .then(async ([module, , response]) => {
        if (!response.ok) throw new Error(`The runtime did not give its OpenAPI document (${response.status}); log in again and reload.`)
        const spec = (await response.json()) as object
        if (!live || !box.current) return
        const SwaggerUI = module.default
        SwaggerUI({ domNode: box.current, spec, validatorUrl: null, deepLinking: false, tryItOutEnabled: false })
        setState('ready')
      })
      .catch((error: Error) => live && setState(error))
    return () => { live = false }
  }, [])
  return (
    <>
      <h1>API</h1>
      <p>Every route of this runtime, from its <a href="/openapi.json">OpenAPI document</a>. Calls need an API token (<code>Authorization: Bearer …</code>).</p>
      {state === 'loading' && <Loading what="the API document" />}
      {state instanceof Error && <ErrorNote error={state} />}
      <div ref={box} class="swagger" />
    </>
  )
}
