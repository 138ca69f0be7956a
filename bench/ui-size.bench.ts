// Size of the shipped web UI: builds ui/dist when missing, prints JS and CSS bytes raw and gzipped; the last
// line is JSON for the bench runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const assets = join(root, 'ui/dist/assets');
if (!existsSync(assets)) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'ui'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const totals = { js: { raw: 0, gz: 0 }, css: { raw: 0, gz: 0 } };
for (const name of readdirSync(assets)) {
  const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null;
  if (!kind) continue;
  const bytes = readFileSync(join(assets, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  totals[kind].raw += bytes.length;
  totals[kind].gz += gz;
  console.log(`${name.padEnd(32)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} B gz`);
}
console.log(`JS  ${totals.js.raw} B (${totals.js.gz} B gz)   CSS ${totals.css.raw} B (${totals.css.gz} B gz)`);
console.log(JSON.stringify({ ui: { jsGzipBytes: totals.js.gz, cssGzipBytes: totals.css.gz } }));
