// `streamlens import chat` on logs in each format (test/fixtures/import, real shapes), then `report latest` and
// `ask` on the imported history, on each backend: streams are formed, viewers unknown, re-imports store nothing.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/create-test-database.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import type { Backend } from '../support/open-test-store.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;

function run(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A database for one suite (a temp SQLite file, or a PostgreSQL database dropped after it), and a query on it. */
function useImportTarget(backend: Backend, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  let database: TestDatabase | undefined;
  before(async () => {
    if (backend === 'postgres') database = await createTestDatabase(name);
  });
  after(() => database?.drop());
  const db = () => (database ? ['--database-url', database.url] : ['--db', join(dir, 'chat.db')]);
  const query = (sql: string) => {
    const r = run(['query', sql, ...db(), '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>[];
  };
  return { dir, db, query };
}

describeEachBackend('streamlens import chat (every format)', (backend) => {
  const { dir, db, query } = useImportTarget(backend, 'streamlens_test_import_formats');

  it('detects justlog text and forms two streams from the gap between them', () => {
    const r = run(['import', 'chat', fixture('justlog-pajlada.txt'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.formats, ['justlog']);
    assert.equal(s.stored.messages, 6);
    assert.equal(s.skipped, 1); // the timeout's system line
    assert.deepEqual(
      s.streams.map((x: { startedAt: number; messages: number }) => [new Date(x.startedAt).toISOString(), x.messages]),
      [
        ['2023-01-01T12:00:05.000Z', 4],
        ['2023-01-01T15:00:00.000Z', 2],
      ],
    );
    const streams = query('SELECT id, peak_viewers, avg_viewers FROM streams ORDER BY started_at');
    assert.equal(streams.length, 2);
    for (const st of streams) assert.equal(st.peak_viewers, null);
    const attached = query('SELECT COUNT(*) AS n FROM chat_messages WHERE stream_id IS NOT NULL');
    assert.equal(attached[0]!.n, 6);
  });

  it('a re-import, and the same chat in Chatterino form, store nothing new and form no stream', () => {
    const again = JSON.parse(run(['import', 'chat', fixture('justlog-pajlada.txt'), ...db(), '--json'], dir).stdout);
    assert.equal(again.stored.messages, 0);
    assert.equal(again.streams.length, 0);
    const r = run(['import', 'chat', fixture('pajlada-2023-01-01.log'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.formats, ['chatterino']);
    // Three lines are the justlog's own; the Korean-named chatter is new.
    assert.equal(s.duplicates, 3);
    assert.equal(s.stored.messages, 1);
    assert.equal(s.streams.length, 0);
    const korean = query("SELECT display_name, user_login FROM chat_messages WHERE user_login = 'koreanuser'");
    assert.deepEqual(korean, [{ display_name: '한국어', user_login: 'koreanuser' }]);
    assert.equal(query('SELECT COUNT(*) AS n FROM streams')[0]!.n, 2);
  });

  it('report latest and ask work on imported history, viewers unknown, chatters counted', () => {
    const report = run(['report', 'latest', ...db()], dir);
    assert.equal(report.code, 0, report.stderr);
    assert.match(
      report.stdout,
      /Average viewers \| no data \(no viewer snapshots for this stream: viewer counts unknown\)/,
    );
    assert.doesNotMatch(report.stdout, /no streams recorded/);
    const top = run(['ask', 'who are my top chatters?', ...db()], dir);
    assert.equal(top.code, 0, top.stderr);
    // Of the 7 messages, forsen, pajlada and randers wrote 2 each, koreanuser 1 (the justlog and Chatterino files);
    // pajlada is the broadcaster, never among their own top chatters.
    // The terminal gets the answer's Markdown rendered: no ** around names.
    for (const who of ['forsen', 'randers']) assert.match(top.stdout, new RegExp(`\\d\\. ${who} — 2 messages`));
    assert.match(top.stdout, /3\. koreanuser — 1 message in 1 stream/);
    assert.doesNotMatch(top.stdout, /\. pajlada —/);
    assert.match(top.stdout, /^For pajlada,/);
    const highlights = run(['ask', 'what were the highlights?', ...db()], dir);
    assert.equal(highlights.code, 0, highlights.stderr);
    assert.doesNotMatch(highlights.stdout, /no stream/i);
  });

  it('TwitchDownloader JSON: the video is the stream, Twitch ids, emotes from fragments, notices skipped', () => {
    const r = run(['import', 'chat', fixture('twitchdownloader.json'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.formats, ['twitchdownloader']);
    assert.equal(s.stored.messages, 3);
    assert.equal(s.skipped, 1);
    assert.equal(s.streams.length, 1);
    assert.equal(s.streams[0].source, 'video');
    const stream = query("SELECT started_at, ended_at, vod_id, title FROM streams WHERE vod_id = '1701234567'");
    assert.deepEqual(stream, [
      {
        started_at: Date.UTC(2023, 0, 1, 12),
        ended_at: Date.UTC(2023, 0, 1, 14),
        vod_id: '1701234567',
        title: 'Beating the record',
      },
    ]);
    const m = query(
      "SELECT emotes, badges, bits, stream_id FROM chat_messages WHERE id = '0b9a1b2c-1111-4aaa-8bbb-000000000002' OR id = '0b9a1b2c-1111-4aaa-8bbb-000000000003' ORDER BY ts",
    );
    assert.equal(m[0]!.emotes, '25:0-4,8-12');
    assert.equal(m[0]!.badges, 'moderator/1,subscriber/12');
    assert.equal(m[1]!.bits, 100);
    assert.equal(m[0]!.stream_id, `import:11148817:${Date.UTC(2023, 0, 1, 12)}`);
    const again = JSON.parse(run(['import', 'chat', fixture('twitchdownloader.json'), ...db(), '--json'], dir).stdout);
    assert.equal(again.stored.messages, 0);
    assert.equal(again.streams.length, 0);
  });

  it('CSV from standard input (-), forced with --format', () => {
    const r = run(
      ['import', 'chat', '-', '--format', 'csv', ...db(), '--json'],
      dir,
      readFileSync(fixture('chat.csv'), 'utf8'),
    );
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    // #pajlada is 11148817 now (the VOD chat named it): pajlada's "hello chat" at 12:00:05 is the VOD chat's message
    // again, under the CSV's own id — stored once. (forsen's "LUL" is the justlog's too, but that log was imported
    // while #pajlada was known by login only: its lines stay under that stand-in channel, so this one is new here.)
    assert.equal(s.stored.messages, 2);
    assert.equal(s.duplicates, 1);
    assert.deepEqual(query("SELECT text FROM chat_messages WHERE id = 'a2'"), [{ text: 'Kappa, "hi"' }]);
  });

  it("raw IRC: a ban hides the user's earlier messages, Hype Chat amounts stored, every room-id searchable", () => {
    const r = run(['import', 'chat', fixture('irc-ban-and-hype-chat.log'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = query(
      "SELECT user_login, deleted_at FROM chat_messages WHERE channel_id = '11148817' AND ts < 1594561400000 ORDER BY ts",
    );
    assert.deepEqual(rows, [
      { user_login: 'weeb123', deleted_at: 1594561360331 },
      { user_login: 'okuser', deleted_at: null },
    ]);
    const paid = query(
      "SELECT paid_amount, paid_currency, paid_exponent, paid_level, paid_system_message FROM chat_messages WHERE id = 'e6681ba0-cdc6-4482-93a3-515b74361e8b'",
    );
    assert.deepEqual(paid, [
      { paid_amount: 1400, paid_currency: 'NOK', paid_exponent: 2, paid_level: 'ONE', paid_system_message: 0 },
    ]);
    // #pajlada under room-id 36340781 (not the 11148817 seen before): still a known channel, so searchable.
    assert.ok(query("SELECT id FROM channels WHERE id = '36340781'").length === 1);
    const matching =
      backend === 'sqlite'
        ? "SELECT COUNT(*) AS n FROM chat_fts WHERE chat_fts MATCH 'recordinglol'"
        : "SELECT COUNT(*) AS n FROM chat_messages WHERE to_tsvector('simple', text) @@ to_tsquery('simple', 'recordinglol')";
    assert.equal(query(matching)[0]!.n, 1);
  });

  it('a file in no known format ends with exit 65 naming the accepted formats, storing nothing', () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'shopping list\nmilk\neggs\n');
    const r = run(['import', 'chat', junk, ...db()], dir);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /no chat log format/);
    for (const f of ['irc', 'justlog', 'justlog-json', 'chatterino', 'twitchdownloader', 'csv'])
      assert.match(r.stderr, new RegExp(f));
  });
});

describeEachBackend('streamlens import chat: a text log names chatters already known by id', (backend) => {
  const { dir, db, query } = useImportTarget(backend, 'streamlens_test_import_ids');

  it("gives a justlog line the Twitch id a VOD's chat stored for its login: one chatter, not two", () => {
    // The VOD's chat (TwitchDownloader, with user ids) first, the justlog (logins only) in a later import.
    assert.equal(run(['import', 'chat', fixture('twitchdownloader.json'), ...db()], dir).code, 0);
    const r = run(['import', 'chat', fixture('justlog-pajlada.txt'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    // pajlada's "hello chat" at 12:00:05 is the VOD chat's (at 12:00:05.123, with Twitch's id): stored once.
    const s = JSON.parse(r.stdout);
    assert.equal(s.duplicates, 1);
    assert.equal(s.stored.messages, 5);
    assert.deepEqual(query("SELECT id FROM chat_messages WHERE text = 'hello chat'"), [
      { id: '0b9a1b2c-1111-4aaa-8bbb-000000000001' },
    ]);
    const chatters = query('SELECT user_login, user_id FROM chatters ORDER BY user_login');
    const logins = chatters.map((c) => c.user_login);
    assert.equal(new Set(logins).size, logins.length, `one chatter per login: ${JSON.stringify(chatters)}`);
    const known = chatters.filter((c) => ['forsen', 'randers'].includes(String(c.user_login)));
    assert.equal(known.length, 2);
    for (const c of known) assert.match(String(c.user_id), /^\d+$/);
  });
});

describeEachBackend("streamlens import chat: a VOD's chat names chatters a text log knew by login only", (backend) => {
  const { dir, db, query } = useImportTarget(backend, 'streamlens_test_import_merge');

  it("merges the justlog's login-only chatters into the ids the later VOD chat names: one chatter, counts kept", () => {
    // The justlog (logins only) first, its channel's id given: its chatters are `login:` stand-ins; the VOD's chat
    // then names their ids.
    assert.equal(
      run(['import', 'chat', fixture('justlog-pajlada.txt'), '--channel-id', '11148817', ...db()], dir).code,
      0,
    );
    assert.equal(query("SELECT COUNT(*) AS n FROM chatters WHERE user_id LIKE 'login:%'")[0]!.n, 3);
    const before = Number(query('SELECT SUM(messages) AS n FROM chatters')[0]!.n);
    const r = run(['import', 'chat', fixture('twitchdownloader.json'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.ok(s.mergedChatters >= 2, `merged ${s.mergedChatters}`);
    // The VOD chat's "hello chat" is the justlog's line, stored already: not stored twice.
    assert.equal(s.duplicates, 1);
    assert.deepEqual(query("SELECT COUNT(*) AS n FROM chat_messages WHERE text = 'hello chat'"), [{ n: 1 }]);
    const chatters = query('SELECT user_login, user_id, messages FROM chatters ORDER BY user_login');
    const logins = chatters.map((c) => c.user_login);
    assert.equal(new Set(logins).size, logins.length, `one chatter per login: ${JSON.stringify(chatters)}`);
    for (const c of chatters.filter((c) => ['forsen', 'randers'].includes(String(c.user_login))))
      assert.match(String(c.user_id), /^\d+$/);
    // Totals are the stored messages, counted once.
    const total = Number(query('SELECT COUNT(*) AS n FROM chat_messages')[0]!.n);
    assert.equal(Number(query('SELECT SUM(messages) AS n FROM chatters')[0]!.n), total);
    assert.equal(total, before + Number(s.stored.messages), 'nothing lost');
    assert.deepEqual(
      query(
        "SELECT COUNT(*) AS n FROM chat_messages WHERE user_id LIKE 'login:%' AND user_login IN ('forsen', 'randers')",
      )[0]!.n,
      0,
    );
  });
});

describeEachBackend('streamlens import chat: justlog/rustlog JSON', (backend) => {
  const { dir, db, query } = useImportTarget(backend, 'streamlens_test_import_json');

  it("reads justlog's JSON through each message's raw IRC line: tags, a sub, a timeout hiding the user's message", () => {
    const r = run(['import', 'chat', fixture('justlog-pajlada.json'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.formats, ['justlog-json']);
    assert.equal(s.stored.messages, 6);
    assert.equal(s.streams.length, 2);
    const rows = query(
      "SELECT id, user_id, user_login, display_name, emotes, deleted_at FROM chat_messages WHERE user_login = 'randers' ORDER BY ts",
    );
    // Twitch's ids and tags, from the raw lines; the timeout at 12:01:00 hides what randers wrote before it only.
    assert.equal(rows[0]!.id, '0d1f6a2e-1c52-4c6e-9a47-9b8f0f2a0002');
    assert.equal(rows[0]!.user_id, '40286300');
    assert.equal(rows[0]!.display_name, 'RANDERS');
    assert.match(String(rows[0]!.emotes), /25/);
    assert.equal(rows[0]!.deleted_at, Date.UTC(2023, 0, 1, 12, 1, 0, 123));
    assert.equal(rows[1]!.deleted_at, null);
    const subs = query("SELECT user_login FROM chat_events WHERE type = 'sub'");
    assert.deepEqual(subs, [{ user_login: 'forsen' }]);
    const again = JSON.parse(run(['import', 'chat', fixture('justlog-pajlada.json'), ...db(), '--json'], dir).stdout);
    assert.equal(again.stored.messages, 0);
    assert.equal(again.streams.length, 0);
  });

  it("reads rustlog's NDJSON (channel by id, login from the display name): the same messages stored once", () => {
    const r = run(['import', 'chat', fixture('rustlog-pajlada.ndjson'), ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.formats, ['justlog-json']);
    assert.equal(s.duplicates, 2);
    assert.equal(s.stored.messages, 1);
    const added = query(
      "SELECT channel_id, user_id, user_login, stream_id FROM chat_messages WHERE text = 'welcome back'",
    );
    assert.equal(added.length, 1);
    assert.equal(added[0]!.channel_id, '11148817');
    assert.equal(added[0]!.user_login, 'randers');
    assert.notEqual(added[0]!.stream_id, null);
    const top = run(['ask', 'who are my top chatters?', ...db()], dir);
    assert.equal(top.code, 0, top.stderr);
    assert.match(top.stdout, /1\. randers — 3 messages/);
  });

  it('a channel rustlog names by an id no store knows is dropped with a reason, not stored unsearchable', () => {
    const lone = join(dir, 'unknown-channel.ndjson');
    writeFileSync(
      lone,
      `${JSON.stringify({ text: 'hi', displayName: 'someone', timestamp: '2023-02-01T10:00:00Z', id: 'x1', tags: { 'room-id': '999000111' } })}\n`,
    );
    const r = run(['import', 'chat', lone, ...db(), '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.stored.messages, 0);
    assert.equal(Object.values(s.dropped as Record<string, number>)[0], 1);
    assert.match(Object.keys(s.dropped)[0]!, /known by id only/);
  });
});
