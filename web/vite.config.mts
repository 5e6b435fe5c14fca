/**
 * Builds the web UI (web/src, plain TypeScript modules) into dist/web: index.html and hashed assets, served by
 * mizan at `/` and `/ui/` (src/http/routes/web.ts). No inline scripts or styles, so the page runs under a strict
 * content-security policy.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/ui/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
