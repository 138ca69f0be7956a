// Benches measure the product as users run it: compiled (dist/, `npm run build`), with no tsx in the process.
// `ensureDistCurrent` compiles dist/ when src/ changed since (a bench spawning bin/streamlens would otherwise
// measure src/ through tsx); `rerunCompiled` runs a bench that holds the product in its own process (the live
// ingest bench is the collector as `start` runs it) from a compiled copy against dist/.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where compiled benches go: .bench/compiled/bench/x.js, so `../../../dist/` is the product. */
const outdir = join(root, '.bench/compiled/bench');

/** Compiles src/ into dist/ unless it is current (scripts/build-dist.mjs --if-stale). */
export function ensureDistCurrent(): void {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-dist.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building dist/ failed (exit ${r.status})`);
}

/** A bench's imports of the product (`../src/x.ts`) load dist/x.js; its own helpers their compiled copies. */
const toCompiledImports: Plugin = {
  name: 'bench-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      if (args.path.startsWith('../test/'))
        throw new Error(`${args.importer} imports ${args.path}: test/ is not compiled for benches`);
      const path = args.path.replace(/^\.\.\/src\//, '../../../dist/').replace(/\.ts$/, '.js');
      return { path, external: true };
    });
  },
};

/**
 * When `moduleUrl` (a bench's import.meta.url) is its TypeScript source: compiles it and the bench's helpers
 * (bench/*.ts, each its own file) against dist/, runs the compiled copy with the same arguments and environment,
 * and exits with its status. Returns at once in the compiled copy.
 */
export async function rerunCompiled(moduleUrl: string): Promise<void> {
  if (!moduleUrl.endsWith('.ts')) return;
  ensureDistCurrent();
  // Loaded here only: the compiled copy never holds esbuild in the memory it measures.
  const { build } = await import('esbuild');
  const file = fileURLToPath(moduleUrl);
  const helpers = ['compiled-product', 'corpus', 'corpus-parts', 'corpus-realistic'].map((name) =>
    join(root, 'bench', `${name}.ts`),
  );
  await build({
    entryPoints: [file, ...helpers],
    outdir,
    bundle: true,
    plugins: [toCompiledImports],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const compiled = join(outdir, file.slice(join(root, 'bench').length + 1).replace(/\.ts$/, '.js'));
  const r = spawnSync(process.execPath, [compiled, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
