import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Where `npm start` runs the API during `npm run dev:web`. */
const api = process.env.API_URL ?? 'http://localhost:3000';

/**
 * Two pages: the reviewer app (index.html) and the self-hosted GraphiQL (graphiql.html). The API
 * serves the build from dist/apps/reviewer-web; `vite` alone serves them with the API proxied.
 */
export default defineConfig({
  root: here('.'),
  build: {
    outDir: here('../../dist/apps/reviewer-web'),
    emptyOutDir: true,
    rollupOptions: {
      input: { app: here('index.html'), graphiql: here('graphiql.html') },
      // Libraries' "use client" lines mean nothing without server components: not worth a warning.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
    // GraphiQL's editor (Monaco) is large by nature; the app's own chunks are measured by bench:web.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/demo': api,
      '/audit/export': api,
      '/health': api,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // The JSON report is what .ci/run adds to jest's counts.
    reporters: ['default', 'json'],
    outputFile: { json: here('../../web-test-results.json') },
  },
});
