// `streamlens migrate-store` through the real CLI: a SQLite database made by `import irc` is copied into a new
// PostgreSQL database, a second run copies nothing, and a target that is not PostgreSQL is a usage error.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCorpus } from '../../bench/corpus.ts';
import { createTestDatabase, findPostgresProblem, type TestDatabase } from '../support/create-test-database.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const counts =
  'SELECT (SELECT COUNT(*) FROM chat_messages) AS messages, (SELECT COUNT(*) FROM chat_events) AS events, (SELECT COUNT(*) FROM channels) AS channels';

describe('streamlens migrate-store', async () => {
  const problem = await findPostgresProblem();
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-migrate-'));
  const sqlite = ['--db', join(dir, 'chat.db')];
  let database: TestDatabase | undefined;
  before(async () => {
    if (problem) return;
    database = await createTestDatabase('streamlens_test_migrate');
    const log = join(dir, 'chat.log');
    writeFileSync(log, `${[...generateCorpus({ lines: 2000, seed: 5 })].join('\n')}\n`);
    const imported = run(['import', 'irc', log, ...sqlite, '--json'], dir);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(() => database?.drop());

  it('copies every row into PostgreSQL, and a second run copies none', { skip: problem }, () => {
    const first = run(['migrate-store', ...sqlite, '--to', database!.url, '--batch-size', '500'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Done: [\d,]+ rows copied now/);
    const source = JSON.parse(run(['query', counts, ...sqlite, '--format', 'json'], dir).stdout)[0];
    const target = JSON.parse(
      run(['query', counts, '--database-url', database!.url, '--format', 'json'], dir).stdout,
    )[0];
    assert.ok(Number(source.messages) > 1500, JSON.stringify(source));
    assert.deepEqual(
      { messages: Number(target.messages), events: Number(target.events), channels: Number(target.channels) },
      { messages: Number(source.messages), events: Number(source.events), channels: Number(source.channels) },
    );

    const again = run(['migrate-store', ...sqlite, '--to', database!.url], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Done: 0 rows copied now/);
  });

  it('refuses a target that is not PostgreSQL, saying what to pass', () => {
    const r = run(['migrate-store', ...sqlite, '--to', 'mysql://root@127.0.0.1/x'], dir);
    assert.equal(r.code, 64, r.stderr);
    assert.match(r.stderr, /needs a PostgreSQL target/);
    assert.match(r.stderr, /--to postgres:\/\//);
  });

  it('refuses a SQLite source that does not exist, without creating it', { skip: problem }, () => {
    const r = run(['migrate-store', '--db', join(dir, 'missing.db'), '--to', database!.url], dir);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /missing\.db/);
    assert.equal(existsSync(join(dir, 'missing.db')), false);
  });
});
