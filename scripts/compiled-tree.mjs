// The compiled tree (dist/) and whether it is current: `npm run build` compiles src/ into dist/ and stamps it
// with a fingerprint of the sources it read; bin/streamlens runs dist/ only while the sources still have that
// fingerprint, so an edited .ts file is never shadowed by stale compiled code. Plain JS: it runs before (and
// instead of) tsx.
//
// The fingerprint is every compiled input's path, mtime and size (src/ without tests, tsconfig.json and the
// build script): a stat walk, a few milliseconds, where hashing the contents would read every file. An edit,
// a new, deleted or renamed file changes it; so does a checkout (git writes files with the current time).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The stamp `npm run build` writes last into dist/: the sources' fingerprint when the compile began. */
export const stampName = '.source-fingerprint';

/** Files under src/ that are never compiled into dist/. */
export const isTestFile = (name) => name.endsWith('.test.ts');

/** A worker's tsx entry (`x-entry.mjs`: registers tsx, then imports `x.ts`): dist/ loads the compiled body instead. */
export const isTsxEntry = (name) => name.endsWith('-entry.mjs');

/** The compiled inputs under src/, as paths relative to root (posix), sorted. */
export function listSources(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!isTestFile(entry.name)) out.push(path);
    }
  };
  walk('src');
  return out.sort();
}

/** The fingerprint of what a build of root would compile now. */
export function readSourceFingerprint(root) {
  const hash = createHash('sha1');
  for (const path of [...listSources(root), 'tsconfig.json', 'scripts/build-dist.mjs', 'scripts/compiled-tree.mjs']) {
    let line = `${path}\t-`;
    try {
      const s = statSync(join(root, path));
      line = `${path}\t${s.mtimeMs}\t${s.size}`;
    } catch {
      // Missing: counted as such.
    }
    hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

/** Whether root/dist was compiled from the sources as they are now (false when it was never built). */
export function isDistCurrent(root) {
  let stamp;
  try {
    stamp = readFileSync(join(root, 'dist', stampName), 'utf8').trim();
  } catch {
    return false;
  }
  return stamp === readSourceFingerprint(root);
}
