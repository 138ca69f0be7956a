// The compiled tree (dist/, `npm run build`) as bin/streamlens runs it, in a copy of the repository so the real
// dist/ is never touched: the compiled CLI runs with its writer thread and analytics workers and no tsx; a
// source edited, added or deleted after the build is run from source, never the stale compiled code; a new
// build is used again.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../support/wait-for.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fromSource = 'running src/ through tsx';
const env = { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', STREAMLENS_AI_BASE_URL: '' };

async function findFreePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the compiled tree', () => {
  let root: string;
  let served: ChildProcess | undefined;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'streamlens-dist-'));
    cpSync(join(repo, 'src'), join(root, 'src'), { recursive: true });
    for (const file of ['bin/streamlens', 'scripts/build-dist.mjs', 'scripts/compiled-tree.mjs']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      copyFileSync(join(repo, file), join(root, file));
    }
    for (const file of ['package.json', 'tsconfig.json']) copyFileSync(join(repo, file), join(root, file));
    for (const dir of ['node_modules', 'scenarios']) symlinkSync(join(repo, dir), join(root, dir));
  });
  after(() => {
    served?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  const build = () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build-dist.mjs')], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  };
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/streamlens'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(r.status, 0, r.stderr);
    return r;
  };
  /** Whether a command (one that reads the config) ran src/ through tsx, as its debug log says. */
  const ranFromSource = () =>
    run('--db', join(root, 'x.db'), '--log-level', 'debug', 'db', 'migrate').stderr.includes(fromSource);
  const editVersion = (version: string) => {
    const path = join(root, 'src/cli/main.ts');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\.version\('[^']*'/, `.version('${version}'`));
  };

  it('runs from source before a build, and compiled after it', () => {
    assert.equal(ranFromSource(), true);
    build();
    assert.equal(ranFromSource(), false);
    assert.equal(run('--version').stdout.trim(), '0.1.0');
  });

  it('serves with its writer thread and analytics workers from the compiled tree', async () => {
    build();
    const port = await findFreePort();
    const db = join(root, 'served.db');
    run('--db', db, 'db', 'migrate');
    let stderr = '';
    served = spawn(
      process.execPath,
      [join(root, 'bin/streamlens'), '--db', db, '--log-level', 'debug', 'serve', '--port', String(port)],
      { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    served.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      () =>
        fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        ),
      {
        what: 'serve to answer',
        timeoutMs: 60_000,
        detail: () => stderr,
      },
    );
    // A search is answered by an analytics worker, after the serving store's writer thread updated the index.
    const search = await fetch(`${base}/api/search?q=hello`);
    const body = await search.text();
    assert.equal(search.status, 200, body);
    assert.deepEqual((JSON.parse(body) as { chat: unknown[] }).chat, []);
    assert.ok(!stderr.includes(fromSource), stderr);
    served.kill('SIGTERM');
  });

  it('never runs stale compiled code: an edited, added or deleted source runs from source until the next build', () => {
    build();
    editVersion('9.9.9');
    assert.equal(run('--version').stdout.trim(), '9.9.9');
    assert.equal(ranFromSource(), true);
    build();
    assert.equal(run('--version').stdout.trim(), '9.9.9');
    assert.equal(ranFromSource(), false);

    writeFileSync(join(root, 'src/added.ts'), 'export const added = 1;\n');
    assert.equal(ranFromSource(), true);
    build();
    assert.equal(ranFromSource(), false);
    rmSync(join(root, 'src/added.ts'));
    assert.equal(ranFromSource(), true);
  });
});
