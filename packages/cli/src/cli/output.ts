/** Where commands write: results to `info` (stdout), problems to `error` (stderr). */
export interface Output {
  info(text: string): void
  error(text: string): void
}

export const processOutput: Output = {
  info: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
}
