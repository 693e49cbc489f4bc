import { inspectValue, textProblem } from '../../guards/index.js'
import type { RequestIssue } from '../errors/http-errors.js'

/**
 * What no route can take, found before any schema runs, each problem named by where it is: text the
 * database cannot store in the path, the query or the body (values and keys), numbers JSON made infinite,
 * nesting deeper than the limit.
 */
export function hostileInput(params: Readonly<Record<string, string>>, query: unknown, body: unknown): RequestIssue[] {
  const inPath = Object.entries(params).flatMap(([name, value]) => {
    const problem = textProblem(value)
    return problem ? [{ path: `path.${name}`, message: problem }] : []
  })
  return [...inPath, ...inspectValue(query, 'query'), ...inspectValue(body, 'body')]
}
