#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and ui/src/ with node's test runner (Node 20 neither discovers .ts test
// files nor expands globs) and fails when none ran. `node scripts/run-tests.mjs FILTER…` runs the files whose
// path contains one of the filters.
//
// Two guards keep a hung test from hanging CI:
// - node's `--test-timeout` (TEST_TIMEOUT_MS, default 5 min): on Node 20 it bounds each test file as a whole (the
//   file fails with its name and "test timed out"); newer Node also applies it to each test inside the file.
// - a whole-run guard (TEST_RUN_TIMEOUT_MS, default 30 min): past it the runner ends every process it started
//   (its own process group) and fails.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}
const filters = process.argv.slice(2);
const files = ['src', 'test', 'ui/src']
  .flatMap((d) => collect(join(root, d)))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const testTimeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 300_000);
const runTimeoutMs = Number(process.env.TEST_RUN_TIMEOUT_MS ?? 1_800_000);

// Its own process group, so the guard and Ctrl-C end the test files' children (servers, browsers) too.
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    `--test-timeout=${testTimeoutMs}`,
    '--test-reporter=spec',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none', NO_COLOR: '1' },
  },
);
const stopGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};
const guard = setTimeout(() => {
  console.error(
    `run-tests: the run passed ${runTimeoutMs / 1000} s (TEST_RUN_TIMEOUT_MS); stopping it. ` +
      'A test file still running is hung or far slower than usual; the output above shows which results are missing.',
  );
  stopGroup('SIGKILL');
}, runTimeoutMs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopGroup(signal));
child.on('exit', (code, signal) => {
  clearTimeout(guard);
  // Whatever a test file left running (a server child, a browser) ends with the run.
  stopGroup('SIGKILL');
  process.exit(code ?? (signal ? 1 : 0));
});
