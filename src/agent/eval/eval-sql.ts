// The eval's own reading of the data: plain SQL over the public tables, apart from the analytics and tools the
// analyst answers with, so an expected answer never comes from the code it checks.

import type { Store } from '../../store/store.ts';

const MIN = 60_000;

export interface EvalSql {
  channelId(login: string): Promise<string>;
  streamStart(streamId: string): Promise<number>;
  peak(streamId: string): Promise<number>;
  /** The highest viewer count between two offsets of a stream. */
  peakBetween(streamId: string, fromMs: number, toMs: number): Promise<number>;
  /** The channel's stream ids, newest first. */
  streamIds(login: string): Promise<string[]>;
  messages(streamId: string): Promise<number>;
  /** The viewer count of the snapshot nearest `offsetMs` (within 2 minutes). */
  viewersAt(streamId: string, offsetMs: number): Promise<number>;
  /** The last viewer count before `offsetMs`. */
  viewersBefore(streamId: string, offsetMs: number): Promise<number>;
  /** Chatters (not the streamer) whose first line in the channel was in the stream. */
  newChatters(streamId: string): Promise<number>;
  /** The chatter (not the streamer) with the most lines in the channel. */
  topChatter(login: string): Promise<string>;
  /** Times `word` occurs as a word in a stream's chat. */
  wordCount(streamId: string, word: string): Promise<number>;
  /** Stream titles of the channel by average viewers, best first. */
  streamsByAverage(login: string, from?: number, to?: number): Promise<{ id: string; title: string }[]>;
  /** The viewer who cheered the most bits through EventSub (ties: the first login in order), with the bits. */
  topCheerer(login: string): Promise<{ login: string; bits: number }>;
  /** Stream titles of the channel by their chat messages, most first. */
  streamsByChat(login: string): Promise<{ id: string; title: string }[]>;
  /** The first (or last) chatter of a stream other than its channel's own login. */
  edgeChatter(streamId: string, edge: 'first' | 'last'): Promise<string>;
  /** Chat messages between two offsets of a stream. */
  messagesBetween(streamId: string, fromMs: number, toMs: number): Promise<number>;
  /** Messages a chatter wrote in a channel. */
  messagesBy(channelLogin: string, userLogin: string): Promise<number>;
  /** Distinct chatters of a stream. */
  chatters(streamId: string): Promise<number>;
  /** Stream titles of the channel by their highest viewer count, best first. */
  streamsByPeak(login: string): Promise<{ id: string; title: string }[]>;
  /** Follows, subs (chat's sub, resub and subgift) and bits (EventSub cheers) of streams started in [from, to). */
  totals(
    login: string,
    from: number,
    to: number,
  ): Promise<{ follows: number; subs: number; bits: number; streams: number }>;
}

export function createEvalSql(store: Store): EvalSql {
  const one = async (sql: string, params: unknown[]) => Number((await store.get<{ n: number }>(sql, params))?.n ?? 0);
  const start = async (id: string) => one('SELECT started_at AS n FROM streams WHERE id = ?', [id]);
  const channelOf = async (id: string) =>
    (await store.get<{ c: string }>('SELECT channel_id AS c FROM streams WHERE id = ?', [id]))!.c;
  const channelId = async (login: string) =>
    (await store.get<{ id: string }>('SELECT id FROM channels WHERE login = ?', [login]))!.id;
  const inPeriod = async (login: string, from: number, to: number) =>
    store.all<{ id: string }>('SELECT id FROM streams WHERE channel_id = ? AND started_at >= ? AND started_at < ?', [
      await channelId(login),
      from,
      to,
    ]);
  /** `select` (one figure `n` from a table with stream_id and ts) between two offsets of a stream. */
  const between = async (select: string, id: string, fromMs: number, toMs: number) => {
    const at = await start(id);
    return one(`${select} WHERE stream_id = ? AND ts >= ? AND ts <= ?`, [id, at + fromMs, at + toMs]);
  };
  return {
    channelId,
    streamStart: start,
    peak: (id) => one('SELECT MAX(viewer_count) AS n FROM stream_snapshots WHERE stream_id = ?', [id]),
    peakBetween: (id, fromMs, toMs) => between('SELECT MAX(viewer_count) AS n FROM stream_snapshots', id, fromMs, toMs),
    async streamIds(login) {
      const rows = await store.all<{ id: string }>(
        'SELECT id FROM streams WHERE channel_id = ? ORDER BY started_at DESC',
        [await channelId(login)],
      );
      return rows.map((r) => r.id);
    },
    messages: (id) => one('SELECT COUNT(*) AS n FROM chat_messages WHERE stream_id = ?', [id]),
    async viewersAt(id, offsetMs) {
      const at = (await start(id)) + offsetMs;
      const rows = await store.all<{ ts: number; v: number }>(
        'SELECT ts, viewer_count AS v FROM stream_snapshots WHERE stream_id = ? AND ts >= ? AND ts <= ?',
        [id, at - 2 * MIN, at + 2 * MIN],
      );
      rows.sort((a, b) => Math.abs(Number(a.ts) - at) - Math.abs(Number(b.ts) - at));
      return Number(rows[0]!.v);
    },
    async viewersBefore(id, offsetMs) {
      const at = (await start(id)) + offsetMs;
      return one(
        'SELECT viewer_count AS n FROM stream_snapshots WHERE stream_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1',
        [id, at],
      );
    },
    async newChatters(id) {
      const channel = await channelOf(id);
      const s = await store.get<{ a: number; b: number }>(
        'SELECT started_at AS a, ended_at AS b FROM streams WHERE id = ?',
        [id],
      );
      return one(
        `SELECT COUNT(*) AS n FROM (SELECT user_id, MIN(ts) AS first FROM chat_messages WHERE channel_id = ? GROUP BY user_id) f
         WHERE f.first >= ? AND f.first <= ? AND f.user_id <> ?`,
        [channel, s!.a, s!.b, channel],
      );
    },
    async topChatter(login) {
      const channel = await channelId(login);
      const row = await store.get<{ user_login: string }>(
        `SELECT user_login FROM chat_messages WHERE channel_id = ? AND user_id <> ? GROUP BY user_login
         ORDER BY COUNT(*) DESC, user_login LIMIT 1`,
        [channel, channel],
      );
      return row!.user_login;
    },
    async wordCount(id, word) {
      const rows = await store.all<{ text: string }>('SELECT text FROM chat_messages WHERE stream_id = ?', [id]);
      return rows.reduce((n, r) => n + r.text.split(/\s+/).filter((w) => w === word).length, 0);
    },
    async streamsByAverage(login, from = 0, to = Number.MAX_SAFE_INTEGER) {
      return store.all<{ id: string; title: string }>(
        `SELECT s.id, s.title FROM streams s JOIN stream_snapshots p ON p.stream_id = s.id
         WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ? GROUP BY s.id, s.title ORDER BY AVG(p.viewer_count) DESC`,
        [await channelId(login), from, to],
      );
    },
    async topCheerer(login) {
      const rows = await store.all<{ user_login: string; data: string }>(
        "SELECT user_login, data FROM channel_events WHERE channel_id = ? AND type = 'channel.cheer'",
        [await channelId(login)],
      );
      const bits = new Map<string, number>();
      for (const r of rows)
        bits.set(r.user_login, (bits.get(r.user_login) ?? 0) + Number((JSON.parse(r.data) as { bits: number }).bits));
      const [top] = [...bits].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return { login: top![0], bits: top![1] };
    },
    async streamsByChat(login) {
      return store.all<{ id: string; title: string }>(
        `SELECT s.id, s.title FROM streams s JOIN chat_messages m ON m.stream_id = s.id
         WHERE s.channel_id = ? AND s.ended_at IS NOT NULL GROUP BY s.id, s.title ORDER BY COUNT(*) DESC`,
        [await channelId(login)],
      );
    },
    async edgeChatter(streamId, edge) {
      const row = await store.get<{ login: string }>(
        `SELECT m.user_login AS login FROM chat_messages m JOIN streams s ON s.id = m.stream_id
         JOIN channels c ON c.id = s.channel_id WHERE m.stream_id = ? AND m.user_login <> c.login
         ORDER BY m.ts ${edge === 'first' ? 'ASC' : 'DESC'} LIMIT 1`,
        [streamId],
      );
      return row?.login ?? '';
    },
    messagesBetween: (id, fromMs, toMs) => between('SELECT COUNT(*) AS n FROM chat_messages', id, fromMs, toMs),
    messagesBy: (channelLogin, userLogin) =>
      one(
        'SELECT COUNT(*) AS n FROM chat_messages m JOIN channels c ON c.id = m.channel_id WHERE c.login = ? AND m.user_login = ?',
        [channelLogin, userLogin],
      ),
    async chatters(streamId) {
      return one('SELECT COUNT(DISTINCT user_id) AS n FROM chat_messages WHERE stream_id = ?', [streamId]);
    },
    async streamsByPeak(login) {
      return store.all<{ id: string; title: string }>(
        `SELECT s.id, s.title FROM streams s JOIN stream_snapshots p ON p.stream_id = s.id
         WHERE s.channel_id = ? GROUP BY s.id, s.title ORDER BY MAX(p.viewer_count) DESC`,
        [await channelId(login)],
      );
    },
    async totals(login, from, to) {
      const ids = (await inPeriod(login, from, to)).map((r) => r.id);
      if (ids.length === 0) return { follows: 0, subs: 0, bits: 0, streams: 0 };
      const marks = ids.map(() => '?').join(', ');
      const follows = await one(
        `SELECT COUNT(*) AS n FROM channel_events WHERE type = 'channel.follow' AND stream_id IN (${marks})`,
        ids,
      );
      const subs = await one(
        `SELECT COUNT(*) AS n FROM chat_events WHERE type IN ('sub', 'resub', 'subgift') AND stream_id IN (${marks})`,
        ids,
      );
      const cheers = await store.all<{ data: string | Record<string, unknown> }>(
        `SELECT data FROM channel_events WHERE type = 'channel.cheer' AND stream_id IN (${marks})`,
        ids,
      );
      const bits = cheers.reduce(
        (n, r) => n + Number((typeof r.data === 'string' ? JSON.parse(r.data) : r.data).bits),
        0,
      );
      return { follows, subs, bits, streams: ids.length };
    },
  };
}
