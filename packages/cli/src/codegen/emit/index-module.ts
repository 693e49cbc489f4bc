import { StructureKind, type ClassDeclarationStructure, type TypeAliasDeclarationStructure } from 'ts-morph'
import type { DefinitionKind } from '../load/definition-files.js'
import { printModule, type Statement } from './source-file.js'

/** A type alias the module exports: `ActionHandlerProps<K>` for `sdk.ActionHandlerProps<Types, K>`. */
interface Alias {
  readonly name: string
  readonly params?: readonly string[]
  readonly type: string
  readonly doc: string
}

const selector = (record: string) => `K extends sdk.Selector<sdk.NameOf<${record}>> = '*'`

const HANDLER_ALIASES: readonly Alias[] = [
  { name: 'Client', type: 'sdk.Client<Types>', doc: 'The client handlers receive: `client.callAction({ type, input })` is checked against the definitions.' },
  { name: 'Context', type: 'sdk.Context', doc: 'Where a handler runs: the ids of the bot, conversation, user, message and event.' },
  { name: 'Logger', type: 'sdk.Logger', doc: 'The log handlers write to.' },
  { name: 'CommonHandlerProps', type: 'sdk.CommonHandlerProps<Types>', doc: 'What every handler receives.' },
  { name: 'ActionHandlerProps', params: ['K extends sdk.NameOf<Actions>'], type: 'sdk.ActionHandlerProps<Types, K>', doc: 'What the handler of action `K` receives.' },
  { name: 'ActionHandler', params: ['K extends sdk.NameOf<Actions>'], type: 'sdk.ActionHandler<Types, K>', doc: 'The handler of action `K`.' },
  { name: 'ActionHandlers', type: 'sdk.ActionHandlers<Types>', doc: 'One handler per action.' },
  { name: 'MessageHandlerProps', params: [selector('Messages')], type: 'sdk.MessageHandlerProps<Types, K>', doc: 'What a handler of messages of type `K` (or `\'*\'`) receives.' },
  { name: 'EventHandlerProps', params: [selector('Events')], type: 'sdk.EventHandlerProps<Types, K>', doc: 'What a handler of events of type `K` (or `\'*\'`) receives.' },
  { name: 'StateExpiredHandlerProps', params: [selector('States')], type: 'sdk.StateExpiredHandlerProps<Types, K>', doc: 'What a handler of state `K` expiring receives.' },
  { name: 'WorkflowHandlerProps', params: [selector('Workflows')], type: 'sdk.WorkflowHandlerProps<Types, K>', doc: 'What a handler of workflow `K` receives.' },
  { name: 'HookHandlerProps', params: ['H extends sdk.HookKind', "K extends sdk.Selector<sdk.HookSelectors<Types>[H]> = '*'"], type: 'sdk.HookHandlerProps<Types, H, K>', doc: 'What hook `H` receives for selector `K`.' },
  { name: 'HookHandler', params: ['H extends sdk.HookKind', "K extends sdk.Selector<sdk.HookSelectors<Types>[H]> = '*'"], type: 'sdk.Hook<Types, H, K>', doc: 'A hook `H` for selector `K`; it may return `{ data }` to replace the data.' },
  { name: 'Registrar', type: 'sdk.Registrar<Types>', doc: 'Where handlers and hooks are registered: `bot.on`, or the `plugin` that `on` receives.' },
]

const INTEGRATION_ALIASES: readonly Alias[] = [
  { name: 'Client', type: 'sdk.Client<Types>', doc: 'The client the integration\'s handlers receive.' },
  { name: 'Context', type: 'sdk.Context', doc: 'Where a handler runs.' },
  { name: 'Logger', type: 'sdk.Logger', doc: 'The log handlers write to.' },
  { name: 'HandlerProps', type: 'sdk.IntegrationHandlerProps<Types>', doc: 'What every handler receives.' },
  { name: 'ActionHandlerProps', params: ['K extends sdk.NameOf<Actions>'], type: 'sdk.IntegrationActionProps<Types, K>', doc: 'What the handler of action `K` receives.' },
  { name: 'WebhookHandlerProps', type: 'sdk.WebhookHandlerProps<Types>', doc: 'What the webhook handler receives.' },
  { name: 'ChannelMessageProps', params: ['C extends sdk.NameOf<Channels>', 'M extends sdk.NameOf<Channels[C]>'], type: 'sdk.ChannelMessageProps<Types, Channels[C][M]>', doc: 'What the handler delivering message type `M` on channel `C` receives.' },
]

const CLASSES: Readonly<Record<'bot' | 'plugin' | 'integration', { name: string; base: string; doc: string }>> = {
  bot: { name: 'Bot', base: 'BotImplementation', doc: 'This bot\'s implementation, typed by its definition: `new Bot({ actions })`, then `bot.on.message(…)`.' },
  plugin: { name: 'Plugin', base: 'PluginImplementation', doc: 'This plugin\'s implementation, typed by its definition: `new Plugin({ definition, actions, on })`.' },
  integration: { name: 'Integration', base: 'IntegrationImplementation', doc: 'This integration\'s implementation, typed by its definition: `new Integration({ actions, channels })`.' },
}

export interface IndexModuleOptions {
  readonly kind: DefinitionKind
  /**
   * Whether to give the implementation class and handler props, or the types only (a package's module).
   * The definition itself is not re-exported: generated types stand alone, so type-checking code that
   * uses them never has to infer the definition's zod schemas.
   */
  readonly implementation: boolean
}

/** `index.ts`: the implementation class bound to `Types`, the handler props aliases, and the types. */
export function indexModule(options: IndexModuleOptions, header: string): string {
  const types: Statement = { kind: StructureKind.ExportDeclaration, moduleSpecifier: './types' }
  if (options.kind === 'interface' || !options.implementation) return printModule([types], header, true)
  const aliases = options.kind === 'integration' ? INTEGRATION_ALIASES : HANDLER_ALIASES
  return printModule([...imports(options.kind), types, ...implementation(options.kind), ...aliases.map(aliasStatement)], header, true)
}

function imports(kind: 'bot' | 'plugin' | 'integration'): Statement[] {
  const records = kind === 'integration' ? ['Actions', 'Channels'] : ['Actions', 'Events', 'Messages', 'States', 'Workflows']
  return [
    { kind: StructureKind.ImportDeclaration, namespaceImport: 'sdk', moduleSpecifier: '@parley/sdk' },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ['Types', ...records], moduleSpecifier: './types' },
  ]
}

function implementation(kind: 'bot' | 'plugin' | 'integration'): Statement[] {
  const { name, base, doc } = CLASSES[kind]
  const declaration: ClassDeclarationStructure = { kind: StructureKind.Class, name, isExported: true, extends: `sdk.${base}<Types>`, docs: [doc] }
  return [declaration, { kind: StructureKind.ExportDeclaration, namedExports: [{ name, alias: base }] }]
}

function aliasStatement(alias: Alias): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name: alias.name, isExported: true, typeParameters: [...(alias.params ?? [])], type: alias.type, docs: [alias.doc] }
}
