// Where a worker thread starts. Run from source, a thread needs tsx's loader before its TypeScript body (the
// CLI registers it in the main thread only), so it starts at `<body>-entry.mjs`, which registers tsx and imports
// `<body>.ts`. Run compiled (dist/, scripts/build-dist.mjs), the thread starts at the compiled body, `<body>.js`:
// no loader thread, no second copy of it per worker.

/** The entry of the worker thread whose body is `<body>.ts` beside the module at `moduleUrl` (its import.meta.url). */
export function toThreadEntryUrl(body: string, moduleUrl: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? `./${body}-entry.mjs` : `./${body}.js`, moduleUrl);
}
