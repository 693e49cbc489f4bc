import type { TokenScope } from './tokens.js'
import type { WebchatGrant } from './webchat-keys.js'

/** Who is calling, once the credential was checked. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'token'; readonly scope: TokenScope }
  | ({ readonly kind: 'webchat' } & WebchatGrant)

export const ANONYMOUS: Principal = { kind: 'anonymous' }
