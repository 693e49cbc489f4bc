import { defineConfig } from 'vitest/config'
import { parleyVitestConfig } from '@parley/runtime/vitest'

// Tests import the project's code as tsconfig.json resolves it (a `.parley` import under `baseUrl` too).
export default defineConfig(parleyVitestConfig())
