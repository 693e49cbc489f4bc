/** Type-checks snippets (modules `__snippet_<name>.ts` in `dir`) with `tsconfig`'s options, off the test's thread. */
export function typeErrors(request: { tsconfig: string; dir: string; snippets: Record<string, string> }): Promise<Record<string, string[]>>
