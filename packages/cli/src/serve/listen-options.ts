import { ServeError } from './serve-error.js'

/** A port from an option or `PORT`: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string, from: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError('PORT_INVALID', `${from} "${text}" is not a port; use a whole number from 1 to 65535 (0 picks a free one)`)
  return port
}

/** Resolves once the process is asked to stop (Ctrl+C, or `kill`/a container stop). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** Bot log records as one line each, for the terminal. */
export function formatLog(record: { readonly level: string; readonly source: string; readonly message: string }): string {
  return `[${record.level}] ${record.source}: ${record.message}`
}
