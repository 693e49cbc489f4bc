import { defineConfig } from 'vite'

// The build lands in the runtime package, which publishes and serves it at /studio: `parley start` needs no
// build step, and the runtime has no dependency on this package's sources.
export default defineConfig({
  base: '/studio/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../runtime/studio',
    emptyOutDir: true,
    // The OpenAPI viewer is one large chunk, loaded only on the API page.
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' } },
})
