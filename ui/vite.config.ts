// Builds the browser app into ui/dist (served by src/web). Preact's JSX runtime through Vite's own oxc
// transform: no Babel, no plugin.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: true },
  server: { proxy: { '/api': 'http://127.0.0.1:7420' } },
});
