import { z } from '@parley/sdk'

// The parts of the Bot API's objects this integration reads, as Telegram documents them
// (core.telegram.org/bots/api). Unknown fields are ignored; every field read is checked, and ids must
// be safe integers (Telegram's are at most 52 bits), so a forged update cannot smuggle in 1e308.

const id = z.number().int().safe()
// NUL cannot be stored in PostgreSQL text; Telegram never sends one, so an update holding one is forged.
const text = (max: number) => z.string().max(max).refine((value) => !value.includes('\u0000'), 'must not contain NUL')

export const telegramUser = z.object({
  id,
  is_bot: z.boolean().optional(),
  first_name: text(1000),
  last_name: text(1000).optional(),
  username: text(100).optional(),
  language_code: text(35).optional(),
})

export const chat = z.object({
  id,
  // private, group, supergroup or channel; kept open for kinds Telegram may add.
  type: text(50),
  title: text(1000).optional(),
  username: text(100).optional(),
})

export const telegramMessage = z.object({
  message_id: id,
  from: telegramUser.optional(),
  chat,
  date: id,
  // Telegram's own limit is 4096 characters; a little room for what it counts differently.
  text: text(16_384).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
})

export const callbackQuery = z.object({
  id: text(200),
  from: telegramUser,
  message: telegramMessage.optional(),
  data: text(64 * 4).optional(),
})

export const update = z.object({
  update_id: id,
  message: telegramMessage.optional(),
  callback_query: callbackQuery.optional(),
})

export type TelegramUser = z.infer<typeof telegramUser>
export type Chat = z.infer<typeof chat>
export type TelegramMessage = z.infer<typeof telegramMessage>
export type CallbackQuery = z.infer<typeof callbackQuery>
export type Update = z.infer<typeof update>

/** Every Bot API answer: `{ ok: true, result }`, or `{ ok: false, error_code, description, parameters }`. */
export const envelope = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string().default(''),
    parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
  }),
])

/** What `sendMessage` and the other send methods return: the message sent. */
export const sentMessage = z.object({ message_id: id })

/** An inline keyboard button that sends `callback_data` back as a callback query. */
export interface InlineButton {
  readonly text: string
  readonly callback_data: string
}
