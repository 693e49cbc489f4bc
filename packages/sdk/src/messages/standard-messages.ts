import { z } from '../schema/zod.js'

const text = z.string().min(1)
const url = z.string().url()
const option = z.object({ label: text, value: text })
const card = z.object({
  title: text,
  subtitle: text.optional(),
  imageUrl: url.optional(),
  actions: z.array(z.object({ action: z.enum(['postback', 'url', 'say']), label: text, value: text })),
})

const textSchema = z.object({ text })
const markdownSchema = z.object({ markdown: text })
const imageSchema = z.object({ imageUrl: url, title: z.string().optional() })
const audioSchema = z.object({ audioUrl: url, title: z.string().optional() })
const videoSchema = z.object({ videoUrl: url, title: z.string().optional() })
const fileSchema = z.object({ fileUrl: url, title: z.string().optional() })
const locationSchema = z.object({ latitude: z.number(), longitude: z.number(), address: z.string().optional(), title: z.string().optional() })
const choiceSchema = z.object({ text, options: z.array(option).min(1) })

/** One part of a `bloc` message: a message of one of the simple types. */
const blocItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), payload: textSchema }),
  z.object({ type: z.literal('markdown'), payload: markdownSchema }),
  z.object({ type: z.literal('image'), payload: imageSchema }),
  z.object({ type: z.literal('audio'), payload: audioSchema }),
  z.object({ type: z.literal('video'), payload: videoSchema }),
  z.object({ type: z.literal('file'), payload: fileSchema }),
  z.object({ type: z.literal('location'), payload: locationSchema }),
])

/**
 * Message types every channel understands, the ones Botpress calls `messages.defaults` (field for
 * field; Parley also lets images, audio and video carry a title). `markdown` is kept apart as Botpress
 * keeps it, and both together are Parley's {@link standardMessages}.
 */
export const defaults = {
  text: { schema: textSchema },
  image: { schema: imageSchema },
  audio: { schema: audioSchema },
  video: { schema: videoSchema },
  file: { schema: fileSchema },
  location: { schema: locationSchema },
  carousel: { schema: z.object({ items: z.array(card).min(1) }) },
  card: { schema: card },
  dropdown: { schema: choiceSchema },
  choice: { schema: choiceSchema },
  bloc: { schema: z.object({ items: z.array(blocItem).min(1) }) },
} as const

export const markdown = { schema: markdownSchema } as const

/**
 * Message types every channel understands, beside those an integration's channels declare. The web
 * chat renders each of them; a channel that cannot show one falls back to its `text`-like content.
 */
// `text` and `markdown` first: errors list the types in this order, the commonest first.
export const standardMessages = (({ text, ...others }) => ({ text, markdown, ...others }))(defaults)

export type StandardMessageType = keyof typeof standardMessages
