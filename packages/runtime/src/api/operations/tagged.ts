import type { Tags } from '@parley/sdk'
import { tagsFromWire, tagsToWire } from '../schemas/tags.js'
import type { Wire } from './operation.js'

/** The wire mapping of a request with `tags`: a removed tag (`undefined`) travels as `null`. */
export const tagged = {
  toWire: (request: { readonly tags?: Tags }): Wire => ({ ...request, tags: tagsToWire(request.tags) }),
  fromWire: <R>(wire: Wire): R => ({ ...wire, tags: tagsFromWire(wire['tags'] as Record<string, string | null> | undefined) }) as R,
} as const
