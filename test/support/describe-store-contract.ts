// The one behaviour suite every Store backend must pass (run by sqlite/ and postgres/ tests).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeClip,
  makeSnapshot,
  makeStream,
  makeTranscriptSegment,
} from './make-records.ts';

/** Registers the contract tests for a backend; `open` returns a fresh, migrated, empty store. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
      await store.write({ channels: [makeChannel()], streams: [makeStream()] });
    });
    after(async () => {
      await store?.close();
    });

    it('migrate is idempotent and says the schema version', async () => {
      const version = await store.schemaVersion();
      assert.ok(version >= 4, `schema version ${version}`);
      await store.migrate();
      const row = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM channels');
      assert.equal(row?.n, 1);
      assert.equal(await store.schemaVersion(), version);
    });

    it('stores a chat message once however often it is written', async () => {
      const m = makeChatMessage({
        text: 'first write wins',
        emotes: [{ id: '25', start: 0, end: 4 }],
        badges: [{ name: 'subscriber', version: '12' }],
      });
      const first = await store.write({ chatMessages: [m, m] });
      const second = await store.write({ chatMessages: [m] });
      assert.equal(first.chatMessages, 1);
      assert.equal(second.chatMessages, 0);
      const rows = await store.all<{ id: string; emotes: string; badges: string; first_msg: number }>(
        'SELECT id, emotes, badges, first_msg FROM chat_messages WHERE id = ?',
        [m.id],
      );
      assert.deepEqual(rows, [{ id: m.id, emotes: '25:0-4', badges: 'subscriber/12', first_msg: 0 }]);
    });

    it('stores every column of a message, whichever of its optional fields are set, and each once', async () => {
      const at = baseTs + 7 * 60_000;
      const plain = makeChatMessage({ ts: at, color: '#FF4500', isAction: true, bits: 100, firstMsg: true });
      const reply = makeChatMessage({ ts: at + 1, replyParentId: 'parent-1', replyParentUserLogin: 'viewer2' });
      const shared = makeChatMessage({ ts: at + 2, sourceChannelId: '9009' });
      const deleted = makeChatMessage({ ts: at + 3, deletedAt: at + 10 });
      const paid = makeChatMessage({
        ts: at + 4,
        paid: { amount: 500, currency: 'USD', exponent: 2, level: 'TWO', isSystemMessage: false },
      });
      const all = [plain, reply, shared, deleted, paid];
      assert.equal((await store.write({ chatMessages: all })).chatMessages, 5);
      assert.equal((await store.write({ chatMessages: all })).chatMessages, 0);
      const rows = await store.all<Record<string, unknown>>(
        `SELECT id, color, is_action, bits, first_msg, reply_parent_id, reply_parent_user_login, source_channel_id,
                deleted_at, paid_amount, paid_currency, paid_exponent, paid_level, paid_system_message
         FROM chat_messages WHERE ts >= ? AND ts <= ? ORDER BY ts`,
        [at, at + 4],
      );
      const none = {
        color: null,
        is_action: 0,
        bits: 0,
        first_msg: 0,
        reply_parent_id: null,
        reply_parent_user_login: null,
        source_channel_id: null,
        deleted_at: null,
        paid_amount: null,
        paid_currency: null,
        paid_exponent: null,
        paid_level: null,
        paid_system_message: null,
      };
      assert.deepEqual(
        rows.map((r) => ({ ...r, deleted_at: r.deleted_at === null ? null : Number(r.deleted_at) })),
        [
          { ...none, id: plain.id, color: '#FF4500', is_action: 1, bits: 100, first_msg: 1 },
          { ...none, id: reply.id, reply_parent_id: 'parent-1', reply_parent_user_login: 'viewer2' },
          { ...none, id: shared.id, source_channel_id: '9009' },
          { ...none, id: deleted.id, deleted_at: at + 10 },
          {
            ...none,
            id: paid.id,
            paid_amount: 500,
            paid_currency: 'USD',
            paid_exponent: 2,
            paid_level: 'TWO',
            paid_system_message: 0,
          },
        ],
      );
    });

    it('keeps chatter aggregates from new messages only', async () => {
      const a = makeChatMessage({ userId: '3001', userLogin: 'agg', ts: baseTs + 1000 });
      const b = makeChatMessage({ userId: '3001', userLogin: 'agg', ts: baseTs + 5000 });
      await store.write({ chatMessages: [a, b] });
      await store.write({ chatMessages: [a, b] });
      const chatter = await store.get<{ messages: number; first_seen: number; last_seen: number }>(
        'SELECT messages, first_seen, last_seen FROM chatters WHERE channel_id = ? AND user_id = ?',
        ['1001', '3001'],
      );
      assert.deepEqual(chatter, { messages: 2, first_seen: baseTs + 1000, last_seen: baseTs + 5000 });
      const perStream = await store.get<{ messages: number }>(
        'SELECT messages FROM chatter_streams WHERE stream_id = ? AND user_id = ?',
        ['s1', '3001'],
      );
      assert.equal(perStream?.messages, 2);
    });

    it("keeps a chatter's totals right through later, out-of-order, earlier, renamed and bulk-loaded messages", async () => {
      const say = (ts: number, userLogin: string, displayName: string) =>
        makeChatMessage({ userId: '3002', userLogin, displayName, ts: baseTs + ts });
      await store.write({ chatMessages: [say(1000, 'old', 'Old')] });
      // A new display name alone.
      await store.write({ chatMessages: [say(3000, 'old', 'OLD')] });
      // Out of order but not before the first message.
      await store.write({ chatMessages: [say(2000, 'old', 'OLD')] });
      // Before the first message (an import of earlier chat).
      await store.write({ chatMessages: [say(500, 'old', 'OLD')] });
      const totals = () =>
        Promise.all([
          store.get<Record<string, unknown>>(
            'SELECT user_login, display_name, first_seen, last_seen, messages FROM chatters WHERE channel_id = ? AND user_id = ?',
            ['1001', '3002'],
          ),
          store.get<Record<string, unknown>>(
            'SELECT first_ts, last_ts, messages FROM chatter_streams WHERE stream_id = ? AND user_id = ?',
            ['s1', '3002'],
          ),
        ]).then(([c, s]) => [
          c && { ...c, first_seen: Number(c.first_seen), last_seen: Number(c.last_seen), messages: Number(c.messages) },
          s && { first_ts: Number(s.first_ts), last_ts: Number(s.last_ts), messages: Number(s.messages) },
        ]);
      assert.deepEqual(await totals(), [
        { user_login: 'old', display_name: 'OLD', first_seen: baseTs + 500, last_seen: baseTs + 3000, messages: 4 },
        { first_ts: baseTs + 500, last_ts: baseTs + 3000, messages: 4 },
      ]);
      await store.write({ chatMessages: [say(4000, 'renamed', 'Renamed')] });
      await store.write({ chatMessages: [say(100, 'renamed', 'Renamed')] }, { bulkLoad: true });
      await store.catchUp();
      assert.deepEqual(await totals(), [
        {
          user_login: 'renamed',
          display_name: 'Renamed',
          first_seen: baseTs + 100,
          last_seen: baseTs + 4000,
          messages: 6,
        },
        { first_ts: baseTs + 100, last_ts: baseTs + 4000, messages: 6 },
      ]);
      // The indexes on login and first time lead to the row as it is now.
      const byLogin = (login: string) =>
        store.all<{ user_id: string }>('SELECT user_id FROM chatters WHERE user_login = ?', [login]);
      assert.deepEqual(await byLogin('renamed'), [{ user_id: '3002' }]);
      assert.deepEqual(await byLogin('old'), []);
      const byFirst = await store.all<{ user_id: string }>(
        'SELECT user_id FROM chatter_streams WHERE channel_id = ? AND first_ts = ?',
        ['1001', baseTs + 100],
      );
      assert.deepEqual(byFirst, [{ user_id: '3002' }]);
    });

    it('a delete event sets deleted_at on the message', async () => {
      const m = makeChatMessage({ ts: baseTs + 10_000, text: 'to be deleted' });
      await store.write({ chatMessages: [m] });
      const del = makeChatEvent({
        id: `clearmsg:${m.id}`,
        type: 'delete',
        ts: baseTs + 12_000,
        data: { targetMessageId: m.id },
      });
      const r = await store.write({ chatEvents: [del, del] });
      assert.equal(r.chatEvents, 1);
      const row = await store.get<{ deleted_at: number }>('SELECT deleted_at FROM chat_messages WHERE id = ?', [m.id]);
      assert.equal(row?.deleted_at, baseTs + 12_000);
    });

    it('stores awkward text as written, in a batch of new messages and in one that holds stored ones', async () => {
      // PostgreSQL text cannot hold NUL: that backend drops the NULs, SQLite keeps them.
      const asStored = (t: string) => (store.dialect === 'postgres' ? t.replaceAll('\u0000', '') : t);
      const texts = [
        'tab\there',
        'line\nbreak\r\nand\rcr',
        'back\\slash \\N \\. \\t \\\\',
        '\\',
        '\\N',
        'NULL',
        '',
        '👨‍👩‍👧‍👦 草 ㅋㅋㅋ 日本語のテキスト',
        'e\u0301 نص عربي \u200f',
        'nul\u0000inside\u0000',
      ];
      const make = (text: string, i: number) =>
        makeChatMessage({
          channelId: '1005',
          userId: `${4000 + i}`,
          ts: baseTs + 500_000 + i,
          text,
          displayName: `名前\t${i}\\`,
          replyParentUserLogin: i % 2 ? 'parent\nlogin' : null,
          color: i % 3 ? '#FF0000' : null,
        });
      const first = texts.slice(0, 5).map(make);
      const second = texts.map(make);
      assert.equal((await store.write({ chatMessages: first })).chatMessages, 5);
      // Stored ones first and last, so a bulk path meets them wherever it starts.
      assert.equal((await store.write({ chatMessages: [first[0]!, ...second.slice(5), first[4]!] })).chatMessages, 5);
      const rows = await store.all<{ text: string; display_name: string; reply_parent_user_login: string | null }>(
        'SELECT text, display_name, reply_parent_user_login FROM chat_messages WHERE channel_id = ? ORDER BY ts',
        ['1005'],
      );
      assert.deepEqual(
        rows.map((r) => r.text),
        texts.map(asStored),
      );
      assert.deepEqual(
        rows.map((r) => r.display_name),
        texts.map((_, i) => `名前\t${i}\\`),
      );
      assert.deepEqual(
        rows.map((r) => r.reply_parent_user_login),
        texts.map((_, i) => (i % 2 ? 'parent\nlogin' : null)),
      );
    });

    it('a batch written again stores nothing and counts nothing twice', async () => {
      const messages = Array.from({ length: 40 }, (_, i) =>
        makeChatMessage({ channelId: '1006', userId: `${5000 + (i % 7)}`, ts: baseTs + 600_000 + i * 10 }),
      );
      const events = [makeChatEvent({ channelId: '1006', type: 'sub', ts: baseTs + 600_005 })];
      const totals = () =>
        store.all<{ user_id: string; messages: number }>(
          'SELECT user_id, messages FROM chatters WHERE channel_id = ? ORDER BY user_id',
          ['1006'],
        );
      const first = await store.write({ chatMessages: messages, chatEvents: events });
      assert.deepEqual([first.chatMessages, first.chatEvents], [40, 1]);
      const before = await totals();
      const again = await store.write({ chatMessages: messages, chatEvents: events });
      assert.deepEqual([again.chatMessages, again.chatEvents], [0, 0]);
      const half = await store.write({ chatMessages: [...messages.slice(20), ...messages.slice(20)] });
      assert.equal(half.chatMessages, 0);
      assert.deepEqual(await totals(), before);
      assert.equal(
        before.reduce((n, r) => n + r.messages, 0),
        40,
      );
    });

    it('a batch with a row the database rejects keeps none or all of the others: the ingest loses none of them', async () => {
      const good = [0, 1].map((i) => makeChatMessage({ channelId: '1007', ts: baseTs + 700_000 + i }));
      const bad = makeChatMessage({ channelId: '1007', ts: baseTs + 700_005, text: null as unknown as string });
      const event = makeChatEvent({ channelId: '1007', type: 'sub', ts: baseTs + 700_001 });
      const count = async () =>
        (await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ?', ['1007']))?.n;
      // SQLite skips the bad row alone; PostgreSQL rejects the whole batch, which the ingest then writes record
      // by record (create-ingest.ts), dropping only the rejected one. Never a part of the batch.
      const written = await store.write({ chatMessages: [good[0]!, bad, good[1]!], chatEvents: [event] }).catch(() => {
        return undefined;
      });
      if (written) assert.deepEqual([written.chatMessages, written.chatEvents], [2, 1]);
      else {
        assert.equal(await count(), 0);
        for (const chatMessages of [[good[0]!], [bad], [good[1]!]]) await store.write({ chatMessages }).catch(() => {});
        assert.equal((await store.write({ chatEvents: [event] })).chatEvents, 1);
      }
      assert.equal(await count(), 2);
      const chatter = await store.get<{ messages: number }>(
        'SELECT messages FROM chatters WHERE channel_id = ? AND user_id = ?',
        ['1007', good[0]!.userId],
      );
      assert.equal(chatter?.messages, 2);
    });

    it("a ban or timeout hides the user's earlier messages, a CLEARMSG its message, in the batch of the messages or later", async () => {
      const at = (ms: number) => baseTs + 800_000 + ms;
      const say = (userId: string, ms: number) => makeChatMessage({ channelId: '1008', userId, ts: at(ms) });
      const early = say('6001', 0);
      const earlyOther = say('6002', 1);
      const old = makeChatMessage({ channelId: '1008', userId: '6003', ts: at(0) - 2 * 60 * 60 * 1000 });
      await store.write({ chatMessages: [old, early, earlyOther] });
      const late = say('6001', 10_000);
      const after = say('6001', 30_000);
      const ban = makeChatEvent({ channelId: '1008', type: 'timeout', userId: '6001', ts: at(20_000) });
      const clear = makeChatEvent({
        channelId: '1008',
        type: 'delete',
        ts: at(25_000),
        data: { targetMessageId: old.id },
      });
      const inBatch = say('6004', 11_000);
      const clearInBatch = makeChatEvent({
        channelId: '1008',
        type: 'delete',
        ts: at(12_000),
        data: { targetMessageId: inBatch.id },
      });
      await store.write({ chatMessages: [late, after, inBatch], chatEvents: [ban, clear, clearInBatch] });
      const rows = await store.all<{ id: string; deleted_at: number | null }>(
        'SELECT id, deleted_at FROM chat_messages WHERE channel_id = ?',
        ['1008'],
      );
      const deletedAt = new Map(rows.map((r) => [r.id, r.deleted_at]));
      assert.equal(deletedAt.get(early.id), at(20_000));
      assert.equal(deletedAt.get(late.id), at(20_000));
      assert.equal(deletedAt.get(after.id), null);
      assert.equal(deletedAt.get(earlyOther.id), null);
      assert.equal(deletedAt.get(old.id), at(25_000));
      assert.equal(deletedAt.get(inBatch.id), at(12_000));
      // Written again, the events delete nothing more; a new ban reaches the later message and keeps earlier times.
      const deletedAtOf = async (id: string) =>
        (await store.get<{ deleted_at: number | null }>('SELECT deleted_at FROM chat_messages WHERE id = ?', [id]))
          ?.deleted_at;
      assert.equal((await store.write({ chatEvents: [ban, clear] })).chatEvents, 0);
      assert.equal(await deletedAtOf(after.id), null);
      const ban2 = makeChatEvent({ channelId: '1008', type: 'ban', userId: '6001', ts: at(40_000) });
      assert.equal((await store.write({ chatEvents: [ban2] })).chatEvents, 1);
      assert.equal(await deletedAtOf(after.id), at(40_000));
      assert.equal(await deletedAtOf(early.id), at(20_000));
    });

    it('upserts streams, keeps the first end time, and tracks peak and average viewers', async () => {
      await store.write({ streams: [makeStream({ id: 's2', title: 'old title' })] });
      await store.write({ streams: [makeStream({ id: 's2', title: 'new title', gameName: 'Chess' })] });
      await store.write({
        snapshots: [
          makeSnapshot({ streamId: 's2', ts: baseTs, viewerCount: 10 }),
          makeSnapshot({ streamId: 's2', ts: baseTs + 60_000, viewerCount: 30 }),
          makeSnapshot({ streamId: 's2', ts: baseTs + 60_000, viewerCount: 99 }),
        ],
      });
      await store.endStream('s2', baseTs + 120_000);
      await store.endStream('s2', baseTs + 999_000);
      const s = await store.get<{
        title: string;
        game_name: string;
        ended_at: number;
        peak_viewers: number;
        avg_viewers: number;
      }>('SELECT title, game_name, ended_at, peak_viewers, avg_viewers FROM streams WHERE id = ?', ['s2']);
      assert.deepEqual(s, {
        title: 'new title',
        game_name: 'Chess',
        ended_at: baseTs + 120_000,
        peak_viewers: 30,
        avg_viewers: 20,
      });
    });

    it('stores events, channel events and transcript segments once', async () => {
      const e = makeChatEvent({ type: 'raid', data: { viewerCount: 12 } });
      const c = makeChannelEvent({ type: 'channel.follow' });
      const t = makeTranscriptSegment({ text: 'thanks for the raid everyone' });
      const r1 = await store.write({ chatEvents: [e], channelEvents: [c], transcriptSegments: [t] });
      const r2 = await store.write({ chatEvents: [e], channelEvents: [c], transcriptSegments: [t] });
      assert.deepEqual([r1.chatEvents, r1.channelEvents, r1.transcriptSegments], [1, 1, 1]);
      assert.deepEqual([r2.chatEvents, r2.channelEvents, r2.transcriptSegments], [0, 0, 0]);
      const raid = await store.get<{ data: string }>('SELECT data FROM chat_events WHERE id = ?', [e.id]);
      assert.deepEqual(JSON.parse(String(raid?.data)), { viewerCount: 12 });
    });

    it('finds chat and transcript text by full-text search, deferred or not', async () => {
      const live = makeChatMessage({ text: 'that clutch was insane PogChamp', ts: baseTs + 20_000 });
      const imported = makeChatMessage({ text: 'an insane comeback', ts: baseTs + 30_000, userLogin: 'importer' });
      await store.write({ chatMessages: [live] });
      await store.write({ chatMessages: [imported] }, { bulkLoad: true });
      const hits = await store.searchChat('INSANE', { limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.id),
        [imported.id, live.id],
      );
      const byUser = await store.searchChat('insane', { limit: 10, userLogin: 'importer' });
      assert.deepEqual(
        byUser.map((h) => h.id),
        [imported.id],
      );
      assert.deepEqual(await store.searchChat('   ', { limit: 10 }), []);
      const segments = await store.searchTranscript('raid', { limit: 5 });
      assert.equal(segments[0]?.text, 'thanks for the raid everyone');
    });

    it("a channel's matches come newest first however many newer matches other channels have", async () => {
      const quiet = makeChannel({ id: '7701', login: 'quietchannel' });
      const busy = makeChannel({ id: '7702', login: 'busychannel' });
      const line = (channelId: string, i: number) =>
        makeChatMessage({ channelId, text: `zebracorn sighting ${i}`, ts: baseTs + 500_000 + i * 1000 });
      const older = [line(quiet.id, 0), line(quiet.id, 1), line(quiet.id, 2)];
      const newer = Array.from({ length: 40 }, (_, i) => line(busy.id, 10 + i));
      await store.write({ channels: [quiet, busy], chatMessages: [...older, ...newer] });
      const hits = await store.searchChat('zebracorn', { limit: 2, channelId: quiet.id });
      assert.deepEqual(
        hits.map((h) => h.id),
        [older[2]!.id, older[1]!.id],
      );
      const all = await store.searchChat('zebracorn', { limit: 3 });
      assert.deepEqual(
        all.map((h) => h.id),
        [newer[39]!.id, newer[38]!.id, newer[37]!.id],
      );
    });

    it('search input is data, not query syntax', async () => {
      const m = makeChatMessage({ text: 'x" OR 1=1 -- NEAR(' });
      await store.write({ chatMessages: [m] });
      const hits = await store.searchChat('" OR 1=1 -- NEAR(', { limit: 5 });
      assert.ok(hits.some((h) => h.id === m.id));
    });

    it('search finds a word however chat spells it: accents, apostrophes, underscores', async () => {
      const at = (i: number) => baseTs + 40_000 + i;
      const accented = makeChatMessage({ text: 'Pokémon Légendes: qué día, Señor Müller', ts: at(1) });
      const plain = makeChatMessage({ text: 'pokemon legendes que dia senor muller', ts: at(2) });
      const apostrophe = makeChatMessage({ text: "don't stop the bus", ts: at(3) });
      const underscore = makeChatMessage({ text: 'shoutout to cool_streamer_99', ts: at(4) });
      await store.write({ chatMessages: [accented, plain, apostrophe, underscore] });
      const ids = async (query: string) => (await store.searchChat(query, { limit: 10 })).map((h) => h.id).sort();
      const both = [accented.id, plain.id].sort();
      for (const query of ['pokemon', 'Pokémon', 'POKÉMON', 'légendes', 'que dia', 'qué', 'señor', 'MÜLLER'])
        assert.deepEqual(await ids(query), both, query);
      assert.deepEqual(await ids("don't"), [apostrophe.id]);
      assert.deepEqual(await ids('cool_streamer_99'), [underscore.id]);
      assert.deepEqual(await ids('@cool_streamer_99'), [underscore.id]);
    });

    it('read-only queries read, refuse writes and cap rows', async () => {
      const r = await store.queryReadOnly('SELECT id FROM chat_messages ORDER BY ts', { rowLimit: 2, timeoutMs: 5000 });
      assert.equal(r.rows.length, 2);
      assert.equal(r.truncated, true);
      assert.deepEqual(r.columns, ['id']);
      await assert.rejects(
        store.queryReadOnly('DELETE FROM chat_messages', { rowLimit: 10, timeoutMs: 5000 }),
        /read|only/i,
      );
      await assert.rejects(
        store.queryReadOnly('DROP TABLE chat_messages', { rowLimit: 10, timeoutMs: 5000 }),
        /read|only/i,
      );
      const still = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
      assert.ok((still?.n ?? 0) > 0);
    });

    it('read-only queries stop at their byte budget and refuse a row over the row limit', async () => {
      // 2,000 rows of 1,000 characters: the 100 kB budget is reached after about 100 of them.
      const many =
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 2000) SELECT x, substr(printf('%01000d', x), 1, 1000) AS pad FROM r";
      const portable =
        store.dialect === 'postgres'
          ? many.replace("substr(printf('%01000d', x), 1, 1000)", "lpad(x::text, 1000, '0')")
          : many;
      const r = await store.queryReadOnly(portable, { rowLimit: 5000, timeoutMs: 10_000, maxBytes: 100_000 });
      assert.equal(r.truncated, true);
      assert.equal(r.byteLimitReached, true);
      assert.ok(r.rows.length > 50 && r.rows.length < 110, `${r.rows.length} rows`);
      const big =
        store.dialect === 'postgres'
          ? "SELECT repeat('x', 3000000) AS big"
          : "SELECT printf('%.*c', 3000000, 'x') AS big";
      await assert.rejects(store.queryReadOnly(big, { rowLimit: 10, timeoutMs: 10_000 }), /over the limit/);
    });

    it('a read-only query that grows a huge value is stopped, and the next query runs', async () => {
      // About 150 MB of text built inside the database engine, in one aggregate.
      const huge =
        store.dialect === 'postgres'
          ? "SELECT string_agg(lpad(x::text, 100, '0'), ',') AS s FROM generate_series(1, 1500000) x"
          : "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 1500000) SELECT group_concat(printf('%0100d', x)) AS s FROM r";
      await assert.rejects(store.queryReadOnly(huge, { rowLimit: 10, timeoutMs: 20_000 }), /memory|over the limit/);
      const next = await store.queryReadOnly('SELECT COUNT(*) AS n FROM chat_messages', {
        rowLimit: 1,
        timeoutMs: 5000,
      });
      assert.ok(Number(next.rows[0]?.n) > 0);
    });

    it('the query after one that timed out runs', async () => {
      const slow =
        store.dialect === 'postgres'
          ? 'SELECT pg_sleep(5)'
          : 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT COUNT(*) FROM r';
      await assert.rejects(store.queryReadOnly(slow, { rowLimit: 1, timeoutMs: 300 }), /stopped after 300 ms/);
      const next = await store.queryReadOnly('SELECT COUNT(*) AS n FROM chat_messages', {
        rowLimit: 1,
        timeoutMs: 5000,
      });
      assert.ok(Number(next.rows[0]?.n) > 0);
    });

    it('all and get only read: a write through them is refused and changes nothing', async () => {
      const before = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
      await assert.rejects(store.all('DELETE FROM chat_messages RETURNING id'), { code: 'READ_ONLY_VIOLATION' });
      await assert.rejects(store.get("UPDATE streams SET title = 'x' RETURNING id"), { code: 'READ_ONLY_VIOLATION' });
      await assert.rejects(
        store.all("INSERT INTO channels (id, login, display_name, updated_at) VALUES ('9', 'x', 'x', 0) RETURNING id"),
        { code: 'READ_ONLY_VIOLATION' },
      );
      assert.deepEqual(await store.get('SELECT COUNT(*) AS n FROM chat_messages'), before);
      assert.equal(
        (await store.get<{ title: string }>('SELECT title FROM streams WHERE id = ?', ['s1']))?.title,
        'Ranked grind',
      );
    });

    it('lists stream spans and the streams still open with their last snapshot', async () => {
      await store.write({
        streams: [makeStream({ id: 'open1', startedAt: baseTs + 1000 })],
        snapshots: [makeSnapshot({ streamId: 'open1', ts: baseTs + 61_000 })],
      });
      const spans = await store.listStreamSpans();
      assert.deepEqual(
        spans.find((s) => s.id === 'open1'),
        { id: 'open1', channelId: '1001', startedAt: baseTs + 1000, endedAt: null },
      );
      assert.equal(spans.find((s) => s.id === 's2')?.endedAt, baseTs + 120_000);
      const open = await store.listOpenStreams();
      assert.deepEqual(
        open.find((s) => s.id === 'open1'),
        { id: 'open1', channelId: '1001', lastSnapshotTs: baseTs + 61_000 },
      );
      assert.equal(
        open.some((s) => s.id === 's2'),
        false,
      );
      await store.endStream('open1', baseTs + 120_000);
    });

    it('replaces the chat-minute rollup of a stream', async () => {
      const minute = (n: number, messages: number) => ({
        minute: n,
        ts: baseTs + n * 60_000,
        messages,
        chatters: 1,
        emotes: 0,
        bits: 0,
      });
      const read = () =>
        store.all<{ minute: number; messages: number }>(
          'SELECT minute, messages FROM chat_minutes WHERE stream_id = ? ORDER BY minute',
          ['s1'],
        );
      await store.replaceChatMinutes({ id: 's1', channelId: '1001' }, [minute(0, 3), minute(1, 4), minute(2, 5)]);
      assert.deepEqual(await read(), [
        { minute: 0, messages: 3 },
        { minute: 1, messages: 4 },
        { minute: 2, messages: 5 },
      ]);
      const many = Array.from({ length: 1001 }, (_, i) => minute(i, 1));
      await store.replaceChatMinutes({ id: 's1', channelId: '1001' }, many);
      assert.equal((await read()).length, 1001);
      await store.replaceChatMinutes({ id: 's1', channelId: '1001' }, [minute(5, 9)]);
      assert.deepEqual(await read(), [{ minute: 5, messages: 9 }]);
    });

    it('merges chatters known only by login into the chatter of that login whose id became known', async () => {
      const channelId = '3003';
      const streams = ['m1', 'm2', 'm3'].map((id, i) =>
        makeStream({ id, channelId, startedAt: baseTs + i * 3_600_000, endedAt: baseTs + i * 3_600_000 + 1_800_000 }),
      );
      await store.write({ channels: [makeChannel({ id: channelId, login: 'mergechan' })], streams });
      const say = (streamId: string, minute: number, userId: string, userLogin: string) =>
        makeChatMessage({
          channelId,
          streamId,
          ts: baseTs + minute * 60_000,
          userId,
          userLogin,
          displayName: userLogin,
        });
      // A text log first: ann and bob by login only; then ann's Twitch id arrives (a VOD's chat, a live stream).
      await store.write({
        chatMessages: [
          say('m1', 1, 'login:ann', 'ann'),
          say('m1', 2, 'login:ann', 'ann'),
          say('m2', 61, 'login:ann', 'ann'),
          say('m2', 62, 'login:bob', 'bob'),
        ],
        chatEvents: [
          makeChatEvent({ channelId, streamId: 'm1', ts: baseTs + 3 * 60_000, userId: 'login:ann', userLogin: 'ann' }),
        ],
      });
      await store.write({ chatMessages: [say('m2', 63, '4242', 'ann'), say('m3', 121, '4242', 'ann')] });
      await store.writeStreamRollups([
        { streamId: 'm1', channelId, part: 'community', fingerprint: 'f', builtAt: 1, json: '{}' },
      ]);
      assert.equal(await store.mergeChatterStandIns(channelId), 1);
      const chatters = await store.all<{ user_id: string; messages: number; first_seen: number; last_seen: number }>(
        'SELECT user_id, messages, first_seen, last_seen FROM chatters WHERE channel_id = ? ORDER BY user_id',
        [channelId],
      );
      assert.deepEqual(
        chatters.map((c) => [c.user_id, Number(c.messages), Number(c.first_seen), Number(c.last_seen)]),
        [
          ['4242', 5, baseTs + 60_000, baseTs + 121 * 60_000],
          ['login:bob', 1, baseTs + 62 * 60_000, baseTs + 62 * 60_000],
        ],
      );
      // The per-stream totals equal a recount from the messages, which all carry the id now.
      const totals = `SELECT stream_id, user_id, messages, first_ts, last_ts FROM chatter_streams WHERE channel_id = ?
                      ORDER BY stream_id, user_id`;
      const recount = `SELECT stream_id, user_id, COUNT(*) AS messages, MIN(ts) AS first_ts, MAX(ts) AS last_ts
                       FROM chat_messages WHERE channel_id = ? GROUP BY stream_id, user_id ORDER BY stream_id, user_id`;
      const numeric = (rows: Record<string, unknown>[]) =>
        rows.map((r) => Object.values(r).map((v) => (typeof v === 'string' ? v : Number(v))));
      assert.deepEqual(numeric(await store.all(totals, [channelId])), numeric(await store.all(recount, [channelId])));
      assert.equal((await store.all(totals, [channelId])).length, 4);
      const left = await store.all("SELECT id FROM chat_messages WHERE channel_id = ? AND user_id = 'login:ann'", [
        channelId,
      ]);
      assert.deepEqual(left, []);
      assert.deepEqual(await store.all('SELECT user_id FROM chat_events WHERE channel_id = ?', [channelId]), [
        { user_id: '4242' },
      ]);
      assert.deepEqual(await store.all("SELECT part FROM stream_rollups WHERE stream_id = 'm1'"), []);
      // Nothing left to merge: a second call changes nothing.
      assert.equal(await store.mergeChatterStandIns(channelId), 0);
      assert.equal(
        Number(
          (await store.get<{ n: number }>('SELECT SUM(messages) AS n FROM chatters WHERE channel_id = ?', [channelId]))
            ?.n,
        ),
        6,
      );
    });

    it('keeps one report per stream, the latest written', async () => {
      await store.writeStreamReport({ streamId: 's1', channelId: '1001', generatedAt: 1, json: '{"v":1}' });
      await store.writeStreamReport({ streamId: 's1', channelId: '1001', generatedAt: 2, json: '{"v":2}' });
      const rows = await store.all<{ generated_at: number; report: string }>(
        'SELECT generated_at, report FROM stream_reports WHERE stream_id = ?',
        ['s1'],
      );
      assert.deepEqual(rows, [{ generated_at: 2, report: '{"v":2}' }]);
    });

    it('keeps one rollup part per stream and part, the latest written, all of a call or none', async () => {
      const part = (name: string, fingerprint: string, builtAt: number) => ({
        streamId: 's1',
        channelId: '1001',
        part: name,
        fingerprint,
        builtAt,
        json: `{"${name}":${builtAt}}`,
      });
      const read = () =>
        store.all<{ part: string; fingerprint: string; built_at: number; body: string }>(
          'SELECT part, fingerprint, built_at, body FROM stream_rollups WHERE stream_id = ? ORDER BY part',
          ['s1'],
        );
      await store.writeStreamRollups([part('figures', 'a', 1), part('report', 'a', 1)]);
      await store.writeStreamRollups([part('figures', 'a', 1), part('report', 'a', 1)]);
      assert.deepEqual(await read(), [
        { part: 'figures', fingerprint: 'a', built_at: 1, body: '{"figures":1}' },
        { part: 'report', fingerprint: 'a', built_at: 1, body: '{"report":1}' },
      ]);
      await store.writeStreamRollups([part('report', 'b', 2)]);
      assert.deepEqual(await read(), [
        { part: 'figures', fingerprint: 'a', built_at: 1, body: '{"figures":1}' },
        { part: 'report', fingerprint: 'b', built_at: 2, body: '{"report":2}' },
      ]);
      await store.writeStreamRollups([]);
      // A part that cannot be stored takes the rest of its call with it.
      await assert.rejects(
        store.writeStreamRollups([part('figures', 'c', 3), { ...part('report', 'c', 3), json: null as never }]),
      );
      assert.equal((await read())[0]!.fingerprint, 'a');
    });

    it('keeps conversations with their messages in order, most recently updated first', async () => {
      const message = (id: string, role: 'user' | 'assistant' | 'tool', createdAt: number) => ({
        id,
        role,
        content: `${role} ${id}`,
        toolName: role === 'tool' ? 'list_streams' : null,
        toolCallId: role === 'tool' ? `call-${id}` : null,
        createdAt,
      });
      await store.conversations.create({ id: 'c1', title: 'first', createdAt: 100 });
      await store.conversations.create({ id: 'c2', title: 'second', createdAt: 200 });
      await store.conversations.appendMessage('c1', message('m1', 'user', 300));
      await store.conversations.appendMessage('c1', message('m2', 'tool', 301));
      await store.conversations.appendMessage('c1', message('m3', 'assistant', 302));
      assert.deepEqual(await store.conversations.list(10), [
        { id: 'c1', title: 'first', updatedAt: 302 },
        { id: 'c2', title: 'second', updatedAt: 200 },
      ]);
      assert.deepEqual(await store.conversations.list(1), [{ id: 'c1', title: 'first', updatedAt: 302 }]);
      assert.deepEqual(await store.conversations.findMessages('c1'), [
        message('m1', 'user', 300),
        message('m2', 'tool', 301),
        message('m3', 'assistant', 302),
      ]);
      assert.deepEqual(await store.conversations.findMessages('c2'), []);
      assert.equal(await store.conversations.findMessages('nope'), undefined);
    });

    it('keeps a clip once by id, attached to the stream it was made in, with the moment streamlens asked for', async () => {
      await store.write({
        channels: [makeChannel({ id: '1002', login: 'clipped' })],
        streams: [makeStream({ id: 'sc', channelId: '1002' })],
      });
      const clip = makeClip({ id: 'ContractClipA', channelId: '1002', viewCount: 2 });
      await store.clips.recordRequested({
        id: 'ContractClipA',
        channelId: '1002',
        streamId: 'sc',
        momentTs: baseTs + 50_000,
        editUrl: 'https://clips.twitch.tv/ContractClipA/edit',
        requestedAt: baseTs + 55_000,
      });
      const pending = await store.get<{ seen_at: number | null; moment_ts: number }>(
        'SELECT seen_at, moment_ts FROM clips WHERE id = ?',
        ['ContractClipA'],
      );
      assert.deepEqual(pending, { seen_at: null, moment_ts: baseTs + 50_000 });
      await store.clips.upsert([clip], baseTs + 70_000);
      await store.clips.upsert(
        [{ ...clip, viewCount: 9 }, makeClip({ id: 'ContractClipB', channelId: '1002', createdAt: baseTs - 1 })],
        baseTs + 80_000,
      );
      const rows = await store.all<Record<string, unknown>>(
        `SELECT id, stream_id, view_count, duration, vod_offset, is_featured, seen_at, moment_ts, edit_url
         FROM clips WHERE id LIKE 'ContractClip%' ORDER BY id`,
      );
      assert.deepEqual(rows, [
        {
          id: 'ContractClipA',
          stream_id: 'sc',
          view_count: 9,
          duration: 30,
          vod_offset: 30,
          is_featured: 0,
          seen_at: baseTs + 80_000,
          moment_ts: baseTs + 50_000,
          edit_url: 'https://clips.twitch.tv/ContractClipA/edit',
        },
        {
          id: 'ContractClipB',
          stream_id: null,
          view_count: 3,
          duration: 30,
          vod_offset: 30,
          is_featured: 0,
          seen_at: baseTs + 80_000,
          moment_ts: null,
          edit_url: null,
        },
      ]);
    });

    it("writes chat presence samples once, counting lurkers and each user's watch time", async () => {
      await store.write({ streams: [makeStream({ id: 'sp' })] });
      await store.write({
        chatMessages: [makeChatMessage({ streamId: 'sp', userId: '7001', userLogin: 'talker', ts: baseTs + 1000 })],
      });
      await store.catchUp();
      const users = [
        { userId: '7001', userLogin: 'talker' },
        { userId: '7002', userLogin: 'lurker' },
      ];
      const sample = { channelId: '1001', streamId: 'sp', intervalMs: 60_000, viewers: 12, users };
      await store.presence.writeSample({ ...sample, ts: baseTs + 60_000 });
      await store.presence.writeSample({ ...sample, ts: baseTs + 60_000 });
      await store.presence.writeSample({ ...sample, ts: baseTs + 120_000, users: users.slice(1), viewers: 11 });
      // Read after the chatter totals are folded (PostgreSQL folds them moments after a write).
      const samples = await store.all<{ ts: number; present: number; lurkers: number; viewers: number }>(
        'SELECT ts, present, lurkers, viewers FROM chat_presence_samples WHERE stream_id = ? ORDER BY ts',
        ['sp'],
      );
      assert.deepEqual(samples, [
        { ts: baseTs + 60_000, present: 2, lurkers: 1, viewers: 12 },
        { ts: baseTs + 120_000, present: 1, lurkers: 1, viewers: 11 },
      ]);
      const presence = await store.all<{ user_id: string; samples: number; watch_ms: number; first_ts: number }>(
        'SELECT user_id, samples, watch_ms, first_ts FROM chat_presence WHERE stream_id = ? ORDER BY user_id',
        ['sp'],
      );
      assert.deepEqual(presence, [
        { user_id: '7001', samples: 1, watch_ms: 60_000, first_ts: baseTs + 60_000 },
        { user_id: '7002', samples: 2, watch_ms: 120_000, first_ts: baseTs + 60_000 },
      ]);
    });

    it('queues notifications once, claims each for one claimant, and keeps their outcome and blocked targets', async () => {
      const n = (id: string, targetId: string, createdAt: number) => ({
        id,
        targetId,
        targetKind: 'discord',
        event: 'report',
        channelId: '1',
        body: `{"content":"${id}"}`,
        createdAt,
      });
      await store.notifications.enqueue([n('n1', 't1', 1000), n('n2', 't1', 1001), n('n3', 't2', 1002)]);
      await store.notifications.enqueue([{ ...n('n1', 't1', 5000), body: 'changed' }]);
      const first = await store.notifications.claimDue({
        claimant: 'a',
        now: 2000,
        leaseMs: 60_000,
        limit: 10,
        targetIds: ['t1'],
      });
      assert.deepEqual(
        first.map((r) => [r.id, r.body, r.status, r.attempts]),
        [
          ['n1', '{"content":"n1"}', 'pending', 0],
          ['n2', '{"content":"n2"}', 'pending', 0],
        ],
      );
      const other = await store.notifications.claimDue({
        claimant: 'b',
        now: 2001,
        leaseMs: 60_000,
        limit: 10,
        targetIds: ['t1', 't2'],
      });
      assert.deepEqual(
        other.map((r) => r.id),
        ['n3'],
        'claimed rows are not claimed again while their lease runs',
      );
      await store.notifications.markSent('n1', 2100);
      await store.notifications.retryLater('n2', { attempts: 1, nextAttemptAt: 9000, lastError: 'HTTP 503' });
      await store.notifications.markFailed('n3', { attempts: 1, reason: 'HTTP 400: Invalid Form Body' });
      assert.deepEqual(
        await store.notifications.claimDue({
          claimant: 'c',
          now: 8999,
          leaseMs: 1,
          limit: 10,
          targetIds: ['t1', 't2'],
        }),
        [],
        'not due yet, and sent or failed rows are never claimed',
      );
      const due = await store.notifications.claimDue({
        claimant: 'd',
        now: 9000,
        leaseMs: 1,
        limit: 10,
        targetIds: ['t1'],
      });
      assert.deepEqual(
        due.map((r) => [r.id, r.attempts, r.lastError]),
        [['n2', 1, 'HTTP 503']],
      );
      assert.deepEqual(
        (
          await store.notifications.claimDue({ claimant: 'e', now: 9002, leaseMs: 1, limit: 10, targetIds: ['t1'] })
        ).map((r) => r.id),
        ['n2'],
        'an expired claim is free again',
      );
      const recent = await store.notifications.listRecent(10);
      assert.deepEqual(
        recent.map((r) => [r.id, r.status, r.sentAt]),
        [
          ['n3', 'failed', null],
          ['n2', 'pending', null],
          ['n1', 'sent', 2100],
        ],
      );
      assert.deepEqual(
        (await store.notifications.countByTarget()).map((c) => [c.targetId, c.status, c.count]),
        [
          ['t1', 'pending', 1],
          ['t1', 'sent', 1],
          ['t2', 'failed', 1],
        ],
      );
      await store.notifications.blockTarget({ targetId: 't2', status: 404, reason: 'Unknown Webhook', blockedAt: 1 });
      await store.notifications.blockTarget({
        targetId: 't2',
        status: 401,
        reason: 'Invalid Webhook Token',
        blockedAt: 2,
      });
      assert.deepEqual(await store.notifications.listBlockedTargets(), [
        { targetId: 't2', status: 401, reason: 'Invalid Webhook Token', blockedAt: 2 },
      ]);
    });

    it('keeps emotes once per provider, channel and id; a refresh renames and restamps, and keeps the rest', async () => {
      const e = (provider: '7tv' | 'bttv' | 'ffz', channelId: string, emoteId: string, name: string, at: number) => ({
        provider,
        channelId,
        emoteId,
        name,
        fetchedAt: at,
      });
      await store.emotes.upsert([
        e('7tv', '', 'a1', 'EZ', 1),
        e('7tv', '1001', 'a2', 'catJAM', 1),
        e('bttv', '1001', 'a2', 'catJAM', 1),
      ]);
      await store.emotes.upsert([e('7tv', '1001', 'a2', 'catDance', 2)]);
      await store.emotes.upsert(Array.from({ length: 1200 }, (_, i) => e('ffz', '1001', String(i), `e${i}`, 3)));
      const rows = await store.all<{ provider: string; channel_id: string; name: string; fetched_at: number }>(
        "SELECT provider, channel_id, name, fetched_at FROM emotes WHERE provider <> 'ffz' ORDER BY provider, channel_id",
      );
      assert.deepEqual(
        rows.map((r) => [r.provider, r.channel_id, r.name, Number(r.fetched_at)]),
        [
          ['7tv', '', 'EZ', 1],
          ['7tv', '1001', 'catDance', 2],
          ['bttv', '1001', 'catJAM', 1],
        ],
      );
      const ffz = await store.get<{ n: number }>("SELECT COUNT(*) AS n FROM emotes WHERE provider = 'ffz'");
      assert.equal(Number(ffz?.n), 1200);
    });
  });
}
