import { z } from '../schema/zod.js'

const option = z.object({ label: z.string(), value: z.string() })

/**
 * Message types every channel understands, beside those an integration's channels declare. The web
 * chat renders each of them; a channel that cannot show one falls back to its `text`-like content.
 */
export const standardMessages = {
  text: { schema: z.object({ text: z.string().min(1) }) },
  markdown: { schema: z.object({ markdown: z.string().min(1) }) },
  image: { schema: z.object({ imageUrl: z.string().url(), title: z.string().optional() }) },
  file: { schema: z.object({ fileUrl: z.string().url(), title: z.string().optional() }) },
  choice: { schema: z.object({ text: z.string(), options: z.array(option).min(1) }) },
  location: { schema: z.object({ latitude: z.number(), longitude: z.number(), title: z.string().optional() }) },
} as const

export type StandardMessageType = keyof typeof standardMessages
