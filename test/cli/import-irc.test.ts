// `streamlens import irc` and `streamlens query` through the real CLI, as a user runs them, on each backend.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { generateCorpus } from '../../bench/corpus.ts';
import { ftsKeySql } from '../../src/store/sqlite/fts-key.ts';
import { createTestDatabase, type TestDatabase } from '../support/create-test-database.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import type { Backend } from '../support/open-test-store.ts';
import { toTwitchFixturePath } from '../support/read-twitch-fixture.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The full-text question each backend answers its own way (FTS5 on SQLite, a tsvector on PostgreSQL). */
const countMatching: Record<Backend, string> = {
  sqlite: "SELECT COUNT(*) AS n FROM chat_fts WHERE chat_fts MATCH 'the'",
  postgres: "SELECT COUNT(*) AS n FROM chat_messages WHERE to_tsvector('simple', text) @@ to_tsquery('simple', 'the')",
};

describeEachBackend('streamlens import irc', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-import-'));
  let database: TestDatabase | undefined;
  before(async () => {
    if (backend === 'postgres') database = await createTestDatabase('streamlens_test_cli');
  });
  after(() => database?.drop());
  /** The global flag naming this backend's database. */
  const db = () => (database ? ['--database-url', database.url] : ['--db', join(dir, 'chat.db')]);
  const lines = [...generateCorpus({ lines: 3000, seed: 11 })];
  // Junk, truncated and fixture lines mixed into a real log: none of them may stop the import.
  const junk = [
    '',
    'not irc at all',
    '@badge-info=;id=',
    lines[5]!.slice(0, 120),
    '\u0000\u0001garbage',
    ':tmi.twitch.tv PONG tmi.twitch.tv :x',
    '@room-id=12345;tmi-sent-ts=1700000000000;user-id=1 :a!a@a.tmi.twitch.tv PRIVMSG #x :no id tag here',
  ];
  const withJunk = [...lines.slice(0, 1000), ...junk, ...lines.slice(1000)];
  const log = join(dir, 'chat.log');
  writeFileSync(log, `${withJunk.join('\r\n')}\r\n`);
  const gz = join(dir, 'more.log.gz');
  writeFileSync(gz, gzipSync(readFileSync(toTwitchFixturePath('irc/privmsg-plain.txt'))));

  it('imports a log with junk in it, dropping bad lines with reasons', () => {
    const r = run(['import', 'irc', log, gz, ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.ok(summary.stored.messages > 2500, `stored ${summary.stored.messages}`);
    assert.equal(summary.duplicates, 0);
    assert.ok(Object.keys(summary.dropped).length >= 2, JSON.stringify(summary.dropped));
    assert.ok(summary.skipped >= 1);
  });

  it('stores nothing new when the same files are imported again', () => {
    const before = JSON.parse(
      run(['query', 'SELECT COUNT(*) AS n FROM chat_messages', ...db(), '--format', 'json'], dir).stdout,
    );
    const r = run(['import', 'irc', log, gz, ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.stored.messages, 0);
    assert.equal(summary.stored.events, 0);
    assert.ok(summary.duplicates > 2500);
    const after = JSON.parse(
      run(['query', 'SELECT COUNT(*) AS n FROM chat_messages', ...db(), '--format', 'json'], dir).stdout,
    );
    assert.deepEqual(after, before);
  });

  it('makes imported chat searchable', () => {
    const r = run(['query', countMatching[backend], ...db(), '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout)[0].n > 0);
    if (backend !== 'sqlite') return; // PostgreSQL's search reads the stored text itself
    // Every stored message, not some: the index finds what an index built again from the stored rows finds.
    const sqlite = new Database(join(dir, 'chat.db'));
    try {
      sqlite.exec(`ATTACH ':memory:' AS fresh;
        CREATE VIRTUAL TABLE fresh.chat_fts USING fts5(text, content='', columnsize=0, detail=none);
        INSERT INTO fresh.chat_fts (rowid, text) SELECT ${ftsKeySql('ts', 'id')}, text FROM main.chat_messages`);
      const keys = (schema: string) =>
        sqlite.prepare(`SELECT rowid FROM ${schema}.chat_fts WHERE chat_fts MATCH 'the' ORDER BY rowid`).pluck().all();
      assert.deepEqual(keys('main'), keys('fresh'));
    } finally {
      sqlite.close();
    }
  });

  it('says clearly when a file is missing, with exit code 66', () => {
    const r = run(['import', 'irc', join(dir, 'nope.log'), ...db()], dir);
    assert.equal(r.code, 66);
    assert.match(r.stderr, /cannot read .*nope\.log: ENOENT/);
    assert.match(r.stderr, /check the path/);
  });

  it('query refuses writes and leaves the data alone', () => {
    const r = run(['query', 'DELETE FROM chat_messages', ...db()], dir);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /only a single read statement/);
    const csv = run(['query', 'SELECT COUNT(*) AS n FROM chat_messages', ...db(), '--format', 'csv'], dir);
    assert.match(csv.stdout, /^n\r\n[1-9]\d*\r\n$/);
  });
});

describe('streamlens settings', () => {
  it('a bad setting fails fast, naming the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-setting-'));
    const r = spawnSync(process.execPath, [bin, 'query', 'SELECT 1', '--db', join(dir, 'x.db')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, STREAMLENS_PORT: 'seventy' },
    });
    assert.equal(r.status, 78);
    assert.match(r.stderr, /STREAMLENS_PORT/);
  });
});
