// `streamlens import irc` over damaged and hostile input, through the real CLI on each backend: a corrupt or
// truncated .gz is named and the files after it still imported; CR-only and LF+CR line ends lose no line; a log
// never replaces a known display name with the login; ids that are not Twitch's are dropped with a reason.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/create-test-database.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const baseTs = Date.UTC(2026, 0, 5, 20, 0, 0);
let sent = 0;

/** A real-shaped PRIVMSG line; each call a new message a second after the last. */
function privmsg(
  text: string,
  over: { channel?: string; roomId?: string; userId?: string; id?: string; login?: string } = {},
): string {
  const login = over.login ?? 'viewer';
  const ts = baseTs + ++sent * 1000;
  return (
    `@badge-info=;badges=;color=#1E90FF;display-name=${login};emotes=;first-msg=0;flags=;id=${over.id ?? randomUUID()};` +
    `mod=0;room-id=${over.roomId ?? '5550001'};subscriber=0;tmi-sent-ts=${ts};turbo=0;user-id=${over.userId ?? '7770001'};` +
    `user-type= :${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${over.channel ?? 'coolstreamer'} :${text}`
  );
}

describeEachBackend('streamlens import irc: damaged and hostile input', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-import-damaged-'));
  let database: TestDatabase | undefined;
  before(async () => {
    if (backend === 'postgres') database = await createTestDatabase('streamlens_test_cli');
  });
  after(() => database?.drop());
  const db = () => (database ? ['--database-url', database.url] : ['--db', join(dir, 'chat.db')]);
  const openStore = () =>
    database ? openPostgresStore({ url: database.url }) : openSqliteStore({ path: join(dir, 'chat.db') });
  const query = (sql: string) => {
    const r = run(['query', sql, ...db(), '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>[];
  };
  const countText = (pattern: string) =>
    Number(query(`SELECT COUNT(*) AS n FROM chat_messages WHERE text LIKE '${pattern}'`)[0]!.n);

  it('names a corrupt and a truncated .gz without a stack trace, imports the files after them, and exits 66', () => {
    const lines = (label: string, n: number) => Array.from({ length: n }, (_, i) => privmsg(`${label} ${i}`));
    const first = join(dir, 'first.log.gz');
    writeFileSync(first, gzipSync(`${lines('first', 10).join('\n')}\n`));
    const whole = gzipSync(`${lines('truncated', 2000).join('\n')}\n`);
    const truncated = join(dir, 'truncated.log.gz');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const damaged = gzipSync(`${lines('corrupt', 2000).join('\n')}\n`);
    const middle = Math.floor(damaged.length / 2);
    for (let i = middle; i < middle + 64; i++) damaged[i] = damaged[i]! ^ 0x5a;
    const corrupt = join(dir, 'corrupt.log.gz');
    writeFileSync(corrupt, damaged);
    const last = join(dir, 'last.log');
    writeFileSync(last, `${lines('last', 10).join('\n')}\n`);

    const r = run(['import', 'irc', first, truncated, corrupt, last, ...db(), '--json'], dir);
    assert.equal(r.code, 66, r.stderr);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
    assert.doesNotMatch(r.stderr, /unexpected error/);
    assert.match(r.stderr, /cannot read .*truncated\.log\.gz to its end: the gzip data ends early/);
    assert.match(r.stderr, /cannot read .*corrupt\.log\.gz to its end: the gzip data is corrupt/);
    const summary = JSON.parse(r.stdout) as { files: number; failed: { file: string }[] };
    assert.deepEqual(
      summary.failed.map((f) => f.file),
      [truncated, corrupt],
    );
    assert.equal(summary.files, 2);
    assert.equal(countText('first %'), 10);
    assert.equal(countText('last %'), 10, 'the file after the damaged ones is imported');
    // The lines before the damage are kept.
    assert.ok(countText('truncated %') > 0);
  });

  it('splits CR-only and LF+CR files into every line', () => {
    const crOnly = Array.from({ length: 10 }, (_, i) => privmsg(`cr-only ${i}`));
    const lfCr = Array.from({ length: 10 }, (_, i) => privmsg(`lf-cr ${i}`));
    writeFileSync(join(dir, 'cr.log'), `${crOnly.join('\r')}\r`);
    writeFileSync(join(dir, 'lfcr.log'), `${lfCr.join('\n\r')}\n\r`);
    const r = run(['import', 'irc', join(dir, 'cr.log'), join(dir, 'lfcr.log'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { lines: number; dropped: Record<string, number> };
    assert.deepEqual([summary.lines, summary.dropped], [20, {}]);
    assert.equal(countText('cr-only %'), 10);
    assert.equal(countText('lf-cr %'), 10);
  });

  it("keeps a channel's known display name when a log names it by login only", async () => {
    const store = openStore();
    await store.migrate();
    await store.write({ channels: [{ id: '5550002', login: 'nihongostreamer', displayName: '日本語の配信者' }] });
    await store.close();
    const log = join(dir, 'display-name.log');
    writeFileSync(
      log,
      `${[privmsg('konnichiwa', { channel: 'nihongostreamer', roomId: '5550002' }), privmsg('new channel', { channel: 'newstreamer', roomId: '5550003' })].join('\n')}\n`,
    );
    const r = run(['import', 'irc', log, ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      query("SELECT id, login, display_name FROM channels WHERE id IN ('5550002', '5550003') ORDER BY id"),
      [
        { id: '5550002', login: 'nihongostreamer', display_name: '日本語の配信者' },
        { id: '5550003', login: 'newstreamer', display_name: 'newstreamer' },
      ],
    );
  });

  it('drops ids that are not Twitch ids, or absurdly long, with a counted reason', () => {
    const hostile = [
      privmsg('room abc', { channel: 'abcstreamer', roomId: 'abc' }),
      privmsg('room huge', { channel: 'hugestreamer', roomId: '1'.repeat(100_000) }),
      privmsg('user abc', { userId: 'abc' }),
      privmsg('message id huge', { id: 'f'.repeat(100_000) }),
      privmsg('fine'),
    ];
    const log = join(dir, 'hostile.log');
    writeFileSync(log, `${hostile.join('\n')}\n`);
    const r = run(['import', 'irc', log, ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as {
      stored: { messages: number };
      dropped: Record<string, number>;
      channels: { id: string }[];
    };
    assert.equal(summary.stored.messages, 1);
    assert.equal(
      Object.values(summary.dropped).reduce((a, b) => a + b, 0),
      4,
      JSON.stringify(summary.dropped),
    );
    assert.deepEqual(
      summary.channels.map((c) => c.id),
      ['5550001'],
    );
    assert.equal(countText('room %') + countText('user abc') + countText('message id huge'), 0);
    assert.equal(Number(query("SELECT COUNT(*) AS n FROM channels WHERE id = 'abc' OR length(id) > 20")[0]!.n), 0);
  });
});
