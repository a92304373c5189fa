import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: root `web/`, built to `web/dist` (served by the API at `/`). In development
 * (`npm run dev`) `api/src/dev.ts` runs this config as a dev server that proxies `/api` to the API.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Cytoscape and fcose are loaded lazily (see lib/graph/cytoscape-loader.ts), so they stay out
    // of the initial bundle; the size warning would only be noise for that chunk.
    chunkSizeWarningLimit: 1200,
  },
  server: { strictPort: false },
});
