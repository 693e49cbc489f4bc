/**
 * The root of every error Parley throws on purpose. `code` is stable across releases, so callers can
 * branch on it; `message` says what went wrong and what to do about it.
 *
 * @example
 * try { bot.addPlugin(analytics, { alias: 'x', configuration: {} }) }
 * catch (error) { if (error instanceof ParleyError && error.code === 'ALIAS_TAKEN') … }
 */
export class ParleyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}
