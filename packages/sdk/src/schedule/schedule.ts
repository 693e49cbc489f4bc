import { CronExpressionParser } from 'cron-parser'

/** A schedule understood: a fixed interval, or a cron expression evaluated in a time zone. */
export type ParsedSchedule =
  | { readonly kind: 'interval'; readonly everyMs: number; readonly timezone: string }
  | { readonly kind: 'cron'; readonly expression: string; readonly timezone: string }

const SHORTHAND = /^(\d+)(s|m|h|d)$/
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** Thrown by {@link parseSchedule}; callers wrap it in an error naming where the schedule came from. */
export class ScheduleSyntaxError extends Error {}

/**
 * Reads `30s`/`5m`/`1h`/`1d` or a cron expression (via cron-parser, which also checks the time zone).
 *
 * @example
 * parseSchedule('0 9 * * *', 'Europe/Paris') // { kind: 'cron', … }
 * parseSchedule('5m')                        // { kind: 'interval', everyMs: 300000, … }
 */
export function parseSchedule(text: string, timezone = 'UTC'): ParsedSchedule {
  assertTimezone(timezone)
  const shorthand = SHORTHAND.exec(text.trim())
  if (shorthand) return { kind: 'interval', everyMs: intervalMs(shorthand[1]!, shorthand[2] as keyof typeof UNIT_MS), timezone }
  try {
    CronExpressionParser.parse(text, { tz: timezone, strict: false })
  } catch (error) {
    throw new ScheduleSyntaxError(
      `"${text}" is neither a cron expression (${(error as Error).message}) nor a shorthand like 30s, 5m, 1h or 1d`,
    )
  }
  return { kind: 'cron', expression: text, timezone }
}

/** The first time at or after `after` (exclusive) when the schedule fires. */
export function nextOccurrence(schedule: ParsedSchedule, after: Date): Date {
  if (schedule.kind === 'interval') return new Date(after.getTime() + schedule.everyMs)
  return CronExpressionParser.parse(schedule.expression, { tz: schedule.timezone, currentDate: after }).next().toDate()
}

function intervalMs(count: string, unit: keyof typeof UNIT_MS): number {
  const everyMs = Number(count) * UNIT_MS[unit]
  if (everyMs <= 0) throw new ScheduleSyntaxError(`"${count}${unit}" is not a positive interval`)
  return everyMs
}

function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone })
  } catch {
    throw new ScheduleSyntaxError(`"${timezone}" is not an IANA time zone such as UTC or America/New_York`)
  }
}
