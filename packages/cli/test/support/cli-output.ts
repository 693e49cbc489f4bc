/** Output without its colour codes, as a person reading a log sees it. */
export const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '')

/** A stack trace has lines like `    at main (file:///…)`; users should never see one. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m
