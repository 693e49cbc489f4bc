import { extendApi } from '@anatine/zod-openapi'
import type { Schema } from '@parley/sdk'

/** The mark `openApiDocument` replaces with a `$ref` to the schema under its name in `components.schemas`. */
export const COMPONENT_MARK = 'x-parley-component'

/**
 * A record the API returns, named: the OpenAPI document lists it once under `components.schemas` and
 * refers to it wherever it appears, so clients generated from the document get a named type for it.
 */
export function component<S extends Schema>(name: string, schema: S): S {
  return extendApi(schema, { [COMPONENT_MARK]: name } as never)
}
