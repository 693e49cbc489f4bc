import type { toJsonSchema } from '@parley/sdk'

// The few OpenAPI 3.1 shapes the document is built from (openapi3-ts describes them fully; these keep the
// runtime from depending on it for types alone).

export type JsonSchema = ReturnType<typeof toJsonSchema>

export interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly required: boolean
  readonly schema: JsonSchema
  readonly description?: string
  readonly style?: 'deepObject'
  readonly explode?: boolean
}

export interface MediaContent {
  readonly [contentType: string]: { readonly schema: JsonSchema }
}

export interface ResponseObject {
  readonly description: string
  readonly content?: MediaContent
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: JsonSchema }>>
}

export interface Operation {
  readonly operationId: string
  readonly summary: string
  readonly tags: readonly string[]
  readonly parameters: readonly Parameter[]
  readonly requestBody?: { readonly required: boolean; readonly content: MediaContent }
  readonly responses: Readonly<Record<string, ResponseObject | { readonly $ref: string }>>
  readonly security: readonly Readonly<Record<string, readonly string[]>>[]
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0'
  readonly info: { readonly title: string; readonly version: string; readonly description?: string }
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>
    readonly responses: Readonly<Record<string, ResponseObject>>
    readonly securitySchemes: Readonly<Record<string, object>>
  }
}
