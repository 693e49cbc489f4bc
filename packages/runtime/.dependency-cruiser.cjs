// The runtime's layers, bottom to top. A module may import its own layer and those below it, never one
// above: storage knows nothing of bots, the engine nothing of dispatch, dispatch nothing of the proxies
// (it is handed a props factory instead), and so on. `npm run typecheck` checks this, with no cycles.
const LAYERS = [
  ['guards'], // limits and checks of what callers hand in, and how a write that lost a race retries; imports only the SDK
  ['storage'], // the database, migrations, one store per record kind, the turn's buffer and commit
  ['jobs', 'logging'], // the durable job queue and worker; the log store
  ['engine'], // the running bot: units, scopes, errors, records as code sees them
  ['dispatch'], // incoming, outgoing, actions, events, workflows: running hooks and handlers
  ['operations'], // what each client call does
  ['proxies'], // the client and the props handed to code
  ['assembly'], // createRuntime: loading units, wiring the engine, job handlers
]
// Served on top of the runtime, which they reach through its public entry point only.
const ON_TOP = ['http', 'webchat', 'testing']
// The API's one description (operations and their schemas), from which the server and the HTTP client are
// both derived; it sits on the SDK and the guards only.
const DESCRIPTION = ['api']
// guards are shared by every layer and by what is served on top (the HTTP layer checks requests with them).
const core = LAYERS.flat().filter((folder) => folder !== 'guards')
const folders = (names) => `^src/(${names.join('|')})/`

const layerRules = LAYERS.flatMap((layer, index) => {
  const above = [...LAYERS.slice(index + 1).flat(), ...ON_TOP, ...DESCRIPTION, 'http-client']
  return [{
    name: `${layer.join('-')}-imports-down-only`,
    comment: `${layer.join(', ')} may not import a layer above it (${above.join(', ')}) or the public entry point`,
    severity: 'error',
    from: { path: folders(layer) },
    to: { path: [folders(above), '^src/index\\.ts$'] },
  }]
})

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'modules must not import each other in a cycle', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    {
      name: 'top-through-entry-point',
      comment: `${ON_TOP.join(', ')} use the runtime through src/index.ts, not its internals`,
      severity: 'error',
      from: { path: folders(ON_TOP) },
      // The storage tests' databases serve every test that needs both drivers.
      to: { path: folders(core), pathNot: '^src/storage/testing/' },
    },
    {
      name: 'api-description-standalone',
      comment: 'the operation table describes the API without the runtime or either side that serves or calls it',
      severity: 'error',
      from: { path: folders(DESCRIPTION) },
      to: { path: [folders([...core, ...ON_TOP, 'http-client']), '^src/index\\.ts$'] },
    },
    {
      name: 'http-client-standalone',
      comment: 'the HTTP client runs without the runtime (only its tests start one)',
      severity: 'error',
      from: { path: '^src/http-client/', pathNot: '\\.test\\.ts$' },
      to: { path: [folders([...core, ...ON_TOP]), '^src/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['parley:source', 'import', 'default'] },
  },
}
