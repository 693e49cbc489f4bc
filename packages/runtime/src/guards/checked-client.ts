import { InputError, type InputIssue } from './input-error.js'
import { inspectValue, isContainer } from './inspect-value.js'
import { LIMITS, RESERVED_NAMES } from './limits.js'

// The client API names its fields the same way everywhere, so the bounds that hold for a field hold for it
// in every call: ids a caller chooses, names resolved against the bot's definition, durations, tags.
const ID_FIELDS = new Set(['id', 'userId', 'conversationId', 'messageId', 'workflowId'])
const NAME_FIELDS = new Set(['type', 'name', 'table', 'channel', 'keyColumn', 'status'])
const DURATION_FIELDS = new Set(['expiry', 'timeoutMs'])

/** Throws {@link InputError} naming each field of a request to the method `name` that fails its bounds. */
export function checkRequest(name: string, request: unknown): void {
  const issues = requestIssues(request)
  if (issues.length > 0) throw new InputError(`${name} request`, issues)
}

/** Every problem with a request, the fields of its top level checked by what they are. */
export function requestIssues(request: unknown): InputIssue[] {
  const issues = inspectValue(request)
  if (issues.length > 0 || !isContainer(request) || Array.isArray(request)) return issues
  return Object.entries(request).flatMap(([field, value]) => fieldIssues(field, value))
}

function fieldIssues(field: string, value: unknown): InputIssue[] {
  if (ID_FIELDS.has(field)) return lengthIssues(field, value, LIMITS.idLength)
  if (NAME_FIELDS.has(field)) return lengthIssues(field, value, LIMITS.nameLength)
  if (DURATION_FIELDS.has(field)) return durationIssues(field, value)
  if (field === 'schedule' && isContainer(value) && 'delayMs' in value) return durationIssues('schedule.delayMs', value.delayMs)
  if (field === 'schedule' && isContainer(value) && 'delay' in value) return durationIssues('schedule.delay', value.delay)
  if (field === 'tags') return tagIssues(value)
  return []
}

function lengthIssues(path: string, value: unknown, max: number): InputIssue[] {
  return typeof value === 'string' && value.length > max ? [{ path, message: `is ${value.length} characters long; at most ${max} are allowed` }] : []
}

function durationIssues(path: string, value: unknown): InputIssue[] {
  if (typeof value !== 'number' || (value >= 0 && value <= LIMITS.durationMs)) return []
  return [{ path, message: `${value} is not a number of milliseconds from 0 to ${LIMITS.durationMs} (100 years)` }]
}

/** Tags are names and short values; `undefined` removes a tag. */
export function tagIssues(tags: unknown, root = 'tags'): InputIssue[] {
  if (!isContainer(tags) || Array.isArray(tags)) return []
  const entries = Object.entries(tags)
  if (entries.length > LIMITS.tags) return [{ path: root, message: `sets ${entries.length} tags; at most ${LIMITS.tags} are allowed per call` }]
  return entries.flatMap(([name, value]) => [...nameIssues(`${root}.${name}`, name), ...lengthIssues(`${root}.${name}`, value, LIMITS.tagValueLength)])
}

/** A name must be usable as a key: not reserved, not too long. */
export function nameIssues(path: string, name: string): InputIssue[] {
  if (RESERVED_NAMES.has(name)) return [{ path, message: `"${name}" is a reserved name; choose another` }]
  return name.length > LIMITS.nameLength ? [{ path, message: `is ${name.length} characters long; names have at most ${LIMITS.nameLength}` }] : []
}
