import type { IntegrationHandlerProps, IntegrationTypes, standardMessages, z } from '@parley/sdk'
import type { Configuration, Secrets } from './configuration.js'

/** The message types the `chat` channel declares (the definition's `messages`), each with its standard payload. */
type ChatMessage = 'text' | 'markdown' | 'choice' | 'image' | 'file' | 'location'
type Payloads = { readonly [K in ChatMessage]: z.infer<(typeof standardMessages)[K]['schema']> }

/**
 * The integration's types, written from its definition rather than generated: the package has no
 * build step of its own, so it stays usable from source by any bot.
 */
export interface TelegramTypes extends IntegrationTypes {
  readonly configuration: Configuration
  readonly actions: {}
  readonly callableActions: {}
  readonly events: {}
  readonly states: {}
  readonly tables: {}
  readonly workflows: {}
  readonly messages: Payloads
  readonly interfaces: {}
  readonly integrations: {}
  readonly secrets: Secrets
  readonly channels: { readonly chat: Payloads }
}

export type TelegramProps = IntegrationHandlerProps<TelegramTypes>
