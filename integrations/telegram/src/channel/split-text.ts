/** Telegram's limit on a message's text, in UTF-16 code units. */
export const MAX_TEXT = 4096

/**
 * Cuts a text into parts Telegram accepts, in order: at the last line break (or else space) in the
 * second half of each window, and never inside a surrogate pair, so no character is broken.
 */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = []
  let rest = text
  while (rest.length > max) {
    const cut = cutPoint(rest, max)
    parts.push(rest.slice(0, cut))
    rest = rest.slice(cut).replace(/^[\n ]/, '')
  }
  return rest.length > 0 || parts.length === 0 ? [...parts, rest] : parts
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max)
  const newline = window.lastIndexOf('\n')
  const at = newline >= max / 2 ? newline : window.lastIndexOf(' ')
  const natural = at >= max / 2 ? at : max
  // A high surrogate just before the cut belongs with the low one after it.
  return isHighSurrogate(text.charCodeAt(natural - 1)) ? natural - 1 : natural
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
