import { watchParents } from './parent-watch.js'

/** Why a server stops: a signal, or the process that started it is gone. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'orphaned'

/**
 * Resolves once the process is asked to stop (Ctrl+C, `kill`, a container stop) or is left without
 * the process that started it. A second signal while the server closes exits at once: a person who
 * presses Ctrl+C twice wants it gone.
 */
export function untilStopped(): Promise<StopReason> {
  return new Promise((resolve) => {
    const stop = (reason: StopReason) => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      stopWatching()
      process.once('SIGINT', () => process.exit(130))
      process.once('SIGTERM', () => process.exit(143))
      resolve(reason)
    }
    const onInt = () => stop('SIGINT')
    const onTerm = () => stop('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
    const stopWatching = watchParents(() => stop('orphaned'))
  })
}
