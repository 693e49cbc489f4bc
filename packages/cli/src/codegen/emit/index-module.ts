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
const hookSelector = "K extends sdk.Selector<sdk.HookSelectors<Types>[sdk.HookKindOf<H>]> = '*'"

/** What a bot's and a plugin's module both give: Parley's names, and Botpress's beside them. */
const HANDLER_ALIASES: readonly Alias[] = [
  { name: 'Client', type: 'sdk.Client<Types>', doc: 'The client handlers receive: `client.callAction({ type, input })` is checked against the definitions.' },
  { name: 'Context', type: 'sdk.HandlerContext', doc: 'Where a handler runs: the ids of the bot, conversation, user, message and event.' },
  { name: 'Logger', type: 'sdk.BotLogger', doc: 'The log handlers write to.' },
  { name: 'CommonHandlerProps', type: 'sdk.CommonHandlerProps<Types>', doc: 'What every handler receives.' },
  { name: 'ActionHandlerProps', params: ['K extends sdk.NameOf<Actions> = sdk.NameOf<Actions>'], type: 'sdk.ActionHandlerProps<Types, K>', doc: 'What the handler of action `K` (any action, by default) receives.' },
  { name: 'ActionHandler', params: ['K extends sdk.NameOf<Actions>'], type: 'sdk.ActionHandler<Types, K>', doc: 'The handler of action `K`.' },
  { name: 'ActionHandlers', type: 'sdk.ActionHandlers<Types>', doc: 'One handler per action.' },
  { name: 'MessageHandlerProps', params: [selector('Messages')], type: 'sdk.MessageHandlerProps<Types, K>', doc: 'What a handler of messages of type `K` (or `\'*\'`) receives.' },
  { name: 'EventHandlerProps', params: [selector('Events')], type: 'sdk.EventHandlerProps<Types, K>', doc: 'What a handler of events of type `K` (or `\'*\'`) receives.' },
  { name: 'StateExpiredHandlerProps', params: [selector('States')], type: 'sdk.StateExpiredHandlerProps<Types, K>', doc: 'What a handler of state `K` expiring receives.' },
  { name: 'WorkflowHandlerProps', params: ['K extends sdk.Selector<sdk.NameOf<Workflows>> = never'], type: '[K] extends [never] ? sdk.WorkflowHandlerProps<Types> & sdk.WorkflowHandlerPropsByName<Types> : sdk.WorkflowHandlerProps<Types, K>', doc: 'What a handler of workflow `K` receives; without `K`, what any receives, and each by name (`WorkflowHandlerProps[\'onboarding\']`).' },
  { name: 'HookHandlerProps', params: ['H extends sdk.HookName = never', hookSelector], type: '[H] extends [never] ? sdk.HookHandlerPropsByName<Types> : sdk.HookHandlerProps<Types, sdk.HookKindOf<H>, K>', doc: 'What hook `H` receives for selector `K`; without `H`, each hook\'s by name in either spelling (`HookHandlerProps[\'before_incoming_message\']`).' },
  { name: 'HookHandler', params: ['H extends sdk.HookName', hookSelector], type: 'sdk.Hook<Types, sdk.HookKindOf<H>, K>', doc: 'A hook `H` for selector `K`; it may return `{ data }` to replace the data, `{ stop: true }` to stop.' },
  { name: 'Registrar', type: 'sdk.Registrar<Types>', doc: 'Where handlers and hooks are registered: `bot.on`, or the `plugin` that `on` receives.' },
  { name: 'MessageHandlers', type: 'sdk.MessageHandlersByType<Types>', doc: 'The handler of each message type, and of `\'*\'`.' },
  { name: 'EventHandlers', type: 'sdk.EventHandlersByType<Types>', doc: 'The handler of each event type, and of `\'*\'`: `EventHandlers[\'files-readonly:fileCreated\']`.' },
  { name: 'HookHandlers', type: 'sdk.HookHandlersByName<Types>', doc: 'Each hook\'s handler by hook name (either spelling), then selector: `HookHandlers[\'before_incoming_message\'][\'*\']`.' },
  { name: 'WorkflowHandlers', type: 'sdk.WorkflowHandlersByName<Types>', doc: 'The handler of each workflow (its start, continue and timeout handlers share the type).' },
  { name: 'StateExpiredHandlers', type: 'sdk.StateExpiredHandlersByName<Types>', doc: 'The handler of each state expiring.' },
  { name: 'AnyMessageHandler', type: "MessageHandlers['*']", doc: 'A handler of every message.' },
  { name: 'AnyEventHandler', type: "EventHandlers['*']", doc: 'A handler of every event.' },
  { name: 'AnyActionHandler', type: 'sdk.ActionHandler<Types, sdk.NameOf<Actions>>', doc: 'The handler of any action.' },
  { name: 'AnyHookHandlers', type: "{ [H in keyof HookHandlers]: HookHandlers[H]['*'] }", doc: 'Each hook\'s handler for every selector.' },
  { name: 'AnyHookHanders', type: 'AnyHookHandlers', doc: 'The same as `AnyHookHandlers`, under the name Botpress\'s module spells it.' },
  { name: 'ClientOperation', type: 'sdk.ClientOperation<Types>', doc: 'The names of the client\'s operations.' },
  { name: 'ClientInputs', type: 'sdk.ClientInputs<Types>', doc: 'Each client operation\'s request: `ClientInputs[\'createMessage\']`.' },
  { name: 'ClientOutputs', type: 'sdk.ClientOutputs<Types>', doc: 'Each client operation\'s result: `ClientOutputs[\'getConversation\'][\'conversation\']`.' },
]

/** The kind's own names: `TPlugin`, `PluginProps`, `PluginHandlers`, … */
const KIND_ALIASES: Readonly<Record<'bot' | 'plugin', readonly Alias[]>> = {
  bot: [
    { name: 'TBot', type: 'Types', doc: 'Everything this bot\'s handlers are typed by (Botpress\'s name for `Types`).' },
    { name: 'BotProps', type: 'sdk.BotImplementationProps<Types>', doc: 'What `new Bot(props)` takes.' },
    { name: 'BotHandlers', type: 'sdk.HandlersOf<Types>', doc: 'Every handler the bot may have, by kind.' },
  ],
  plugin: [
    { name: 'TPlugin', type: 'Types', doc: 'Everything this plugin\'s handlers are typed by (Botpress\'s name for `Types`).' },
    { name: 'PluginProps', type: 'sdk.PluginImplementationProps<Types>', doc: 'What `new Plugin(props)` takes: `PluginProps[\'actions\'][\'startHitl\']` is that action\'s handler.' },
    { name: 'PluginRuntimeProps', type: 'sdk.PluginRuntimeProps<Types>', doc: 'What the runtime knows of this plugin in a bot: its alias, configuration and dependencies.' },
    { name: 'PluginHandlers', type: 'sdk.HandlersOf<Types>', doc: 'Every handler the plugin may have, by kind.' },
  ],
}

const INTEGRATION_ALIASES: readonly Alias[] = [
  { name: 'Client', type: 'sdk.Client<Types>', doc: 'The client the integration\'s handlers receive.' },
  { name: 'Context', type: 'sdk.Context', doc: 'Where a handler runs.' },
  { name: 'Logger', type: 'sdk.Logger', doc: 'The log handlers write to.' },
  { name: 'HandlerProps', type: 'sdk.IntegrationHandlerProps<Types>', doc: 'What every handler receives.' },
  { name: 'ActionHandlerProps', params: ['K extends sdk.NameOf<Actions>'], type: 'sdk.IntegrationActionProps<Types, K>', doc: 'What the handler of action `K` receives.' },
  { name: 'WebhookHandlerProps', type: 'sdk.WebhookHandlerProps<Types>', doc: 'What the webhook handler receives.' },
  { name: 'ChannelMessageProps', params: ['C extends sdk.NameOf<Channels>', 'M extends sdk.NameOf<Channels[C]>'], type: 'sdk.ChannelMessageProps<Types, Channels[C][M]>', doc: 'What the handler delivering message type `M` on channel `C` receives.' },
  { name: 'TIntegration', type: 'Types', doc: 'Everything this integration\'s handlers are typed by (Botpress\'s name for `Types`).' },
  { name: 'IntegrationProps', type: 'sdk.IntegrationImplementationProps<Types>', doc: 'What `new Integration(props)` takes.' },
  { name: 'ClientOperation', type: 'sdk.ClientOperation<Types>', doc: 'The names of the client\'s operations.' },
  { name: 'ClientInputs', type: 'sdk.ClientInputs<Types>', doc: 'Each client operation\'s request.' },
  { name: 'ClientOutputs', type: 'sdk.ClientOutputs<Types>', doc: 'Each client operation\'s result.' },
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
  const namespaces: Statement = { kind: StructureKind.ExportDeclaration, moduleSpecifier: './namespaces' }
  if (options.kind === 'interface' || !options.implementation) return printModule([types, namespaces], header, true)
  const aliases = options.kind === 'integration' ? INTEGRATION_ALIASES : [...HANDLER_ALIASES, ...KIND_ALIASES[options.kind]]
  return printModule([...imports(options.kind), types, namespaces, ...implementation(options.kind), ...aliases.map(aliasStatement)], header, true)
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
