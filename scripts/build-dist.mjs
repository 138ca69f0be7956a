#!/usr/bin/env node
// Compiles src/ into dist/ (part of `npm run build`), so the product runs as plain JavaScript with no loader
// (bin/streamlens runs dist/ while it is current, else the sources through tsx). One output file per source
// file, same layout (paths like ../../../ui/dist stay right), relative `.ts` imports rewritten to `.js`; every
// other import stays as it is. Plain .mjs files (thread bodies that need no loader) are copied; the tsx entries
// of worker threads are not (the compiled tree starts the compiled body itself: src/thread-entry-url.ts).
// `node scripts/build-dist.mjs --if-stale` does nothing when dist/ is current.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { isDistCurrent, isTsxEntry, listSources, readSourceFingerprint, stampName } from './compiled-tree.mjs';

/** Every import stays an import: relative `.ts` specifiers become `.js`, packages and builtins are untouched. */
const keepImportsPlugin = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const path = args.path.startsWith('.') ? args.path.replace(/\.ts$/, '.js') : args.path;
      return { path, external: true };
    });
  },
};

/** Compiles root/src into root/dist and stamps it; returns what it did. */
export async function buildDist(root, { ifStale = false } = {}) {
  if (ifStale && isDistCurrent(root)) return { built: false, files: 0, ms: 0 };
  const started = performance.now();
  const dist = join(root, 'dist');
  // Read before compiling: a source edited during the build leaves the stamp behind it, so dist/ is not used.
  const fingerprint = readSourceFingerprint(root);
  rmSync(dist, { recursive: true, force: true });
  const sources = listSources(root);
  const entryPoints = sources.filter((p) => p.endsWith('.ts')).map((p) => join(root, p));
  await build({
    entryPoints,
    outdir: dist,
    outbase: join(root, 'src'),
    bundle: true,
    plugins: [keepImportsPlugin],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  for (const path of sources.filter((p) => p.endsWith('.mjs') && !isTsxEntry(p))) {
    const to = join(dist, path.slice('src/'.length));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(root, path), to);
  }
  writeFileSync(join(dist, stampName), `${fingerprint}\n`);
  return { built: true, files: entryPoints.length, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  await buildDist(root, { ifStale: process.argv.includes('--if-stale') });
}
