export type * from './types.js'
export type * from './records.js'
export { DEFAULT_WORKFLOW_TIMEOUT_MS } from './records.js'
export type * from './tables.js'
export type * from './client.js'
export { UNTYPED_CLIENT_NAMES } from './client.js'
export type * from './client-extensions.js'
export type * from './names.js'
export type * from './proxies.js'
export type * from './context.js'
export type * from './props.js'
export type * from './key-value.js'
export type * from './plugin-routes.js'
export type * from './plugin-routes.js'
export type * from './hooks.js'
export { HANDLER_KINDS, HOOK_KINDS, registrationsFor, type HandlerKind, type HandlerTable, type Registration, type Registrar } from './registry.js'
export { HandlerHost, type RegisterHandler } from './core.js'
export { BotImplementation, Bot, type BotImplementationProps } from './bot-implementation.js'
export { PluginImplementation, Plugin, type PluginImplementationProps, type AnyPluginImplementation } from './plugin-implementation.js'
export {
  IntegrationImplementation, Integration, type IntegrationImplementationProps, type IntegrationTypes, type LooseIntegrationTypes,
  type IntegrationHandlerProps, type IntegrationActionProps, type WebhookRequest, type WebhookResponse, type WebhookHandlerProps,
  type ChannelMessageProps,
} from './integration-implementation.js'
export {
  verifyHmacSignature, signHmac, secretsEqual, type HmacAlgorithm, type HmacEncoding, type HmacSignatureOptions, type VerifyHmacSignatureOptions,
} from './webhook-signature.js'
export { BotLogger, type LogLevel, type LogOptions, type LogLine, type LogSink } from './bot-logger.js'
export { AsyncCollection, type Page } from './collections.js'
export type * from './handler-maps.js'
export type * from './handler-proxies.js'
export type * from './actionable.js'
