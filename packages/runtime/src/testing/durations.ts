import { parseSchedule } from '@parley/sdk'

/** `90_000`, or the shorthand recurring events use: `30s`, `5m`, `1h`, `1d`. */
export type Duration = number | string

export function durationMs(duration: Duration): number {
  if (typeof duration === 'number') return duration
  const parsed = parseSchedule(duration)
  if (parsed.kind === 'interval') return parsed.everyMs
  throw new RangeError(`"${duration}" is not a duration; give milliseconds or a shorthand such as 30s, 5m, 1h or 1d`)
}
