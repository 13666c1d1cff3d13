/**
 * The admin UI build: `vite build --config web/vite.config.ts` from the repository root writes the
 * single-page app to `web/dist`, which the Conduit server serves at `/` (with an SPA fallback).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://localhost:9000', '/docs': 'http://localhost:9000' },
  },
});
