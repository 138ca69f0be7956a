// Folds chatter_deltas into the chatter totals (chatters, chatter_streams): the deltas a write appended move into
// the totals in one statement that deletes them, so each is counted exactly once however many processes fold at
// once (a second fold waits for the rows the first deletes, then finds them gone). A process folds what it wrote
// moments after writing it, at most one fold at a time; what a crashed process left is folded by the next one to
// open the database or catch up. Folding is most of the write path's cost (two upserts per chatter and stream, against
// one COPYed row per message), and it is paid once per chatter per fold, not per message: so a fold takes in as
// many writes as one second brings (a chatter who wrote in them is upserted once).

import type pg from 'pg';

// Totals are upserted in key order (byte order, whatever the database's collation), so folds of two processes lock
// the rows they share in the same order and never wait for each other in a cycle. A chatter is named after their
// newest message; a fold renames only with a newer one, so the order in which deltas are folded does not matter.
// Each chatter's sums come from one hash aggregate of the deltas, their name from a delta holding their newest time
// (any of them on a tie, as the writes' own order is); a sort of every delta by chatter and time, then a window over
// it, cost about a tenth more of the fold's CPU.
// A fold commits without waiting for its WAL to reach the disk (synchronous_commit off, for this transaction only):
// nothing waits on it being durable, and it is all or nothing — after a server crash it is either there or not at
// all, its deltas back in chatter_deltas to be folded again — so the totals stay exact either way; a transaction
// that commits after it (one that read its totals, say) flushes the WAL up to its own commit, the fold's included.
// The statements run as one implicit transaction: a failed fold rolls back by itself and leaves none open.
const foldSql = `SET LOCAL synchronous_commit = off;
WITH d AS (
  DELETE FROM chatter_deltas RETURNING *
), sums AS (
  SELECT channel_id, user_id, MIN(first_ts) AS first_seen, MAX(last_ts) AS last_seen, SUM(messages) AS messages
  FROM d GROUP BY channel_id, user_id
), totals AS (
  INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages)
  SELECT DISTINCT ON (s.channel_id COLLATE "C", s.user_id COLLATE "C") s.channel_id, s.user_id, n.user_login,
    n.display_name, s.first_seen, s.last_seen, s.messages
  FROM sums s JOIN d n ON n.channel_id = s.channel_id AND n.user_id = s.user_id AND n.last_ts = s.last_seen
  ORDER BY s.channel_id COLLATE "C", s.user_id COLLATE "C"
  ON CONFLICT (channel_id, user_id) DO UPDATE SET
    user_login = CASE WHEN excluded.last_seen >= chatters.last_seen THEN excluded.user_login ELSE chatters.user_login END,
    display_name = CASE WHEN excluded.last_seen >= chatters.last_seen THEN excluded.display_name ELSE chatters.display_name END,
    first_seen = LEAST(chatters.first_seen, excluded.first_seen),
    last_seen = GREATEST(chatters.last_seen, excluded.last_seen),
    messages = chatters.messages + excluded.messages
), per_stream AS (
  INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages)
  SELECT channel_id, stream_id, user_id, MIN(first_ts), MAX(last_ts), SUM(messages)
  FROM d WHERE stream_id IS NOT NULL GROUP BY channel_id, stream_id, user_id
  ORDER BY channel_id COLLATE "C", stream_id COLLATE "C", user_id COLLATE "C"
  ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET
    first_ts = LEAST(chatter_streams.first_ts, excluded.first_ts),
    last_ts = GREATEST(chatter_streams.last_ts, excluded.last_ts),
    messages = chatter_streams.messages + excluded.messages
)
SELECT COUNT(*)::int AS folded FROM d`;

/**
 * How long after a write its deltas wait, so that the deltas of several writes fold together (a chatter in many
 * batches is upserted once): other processes see the totals this much later; this process' reads, and its writes
 * that read the totals, fold first. At 200 ms a fold took in about 6,000 messages at the import's pace and cost the
 * server twice the CPU of COPYing them; at 1 s (about 20,000) 1.3 times (easy corpus, bench/corpus.ts).
 */
const foldDelayMs = 1000;

/** Keeps this process' chatter totals moments behind its writes; `catchUp` brings them (and any left over) level. */
export class ChatterDeltaFolder {
  readonly #pool: pg.Pool;
  #pending = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Whether this process wrote deltas that are not folded yet (or being folded). */
  get pending(): boolean {
    return this.#pending || this.#running !== undefined;
  }

  /** Folds what this process wrote, if anything: afterwards every total includes its committed writes. */
  async foldOwn(): Promise<void> {
    if (this.#running) await this.#running;
    if (this.#pending) await this.fold();
  }

  /** To call after a write committed new messages: folds them shortly. */
  noteWrite(): void {
    this.#pending = true;
    if (this.#timer || this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failed fold leaves its deltas in place; the next write, read or catch-up folds them.
      this.fold().catch(() => {});
    }, foldDelayMs);
    this.#timer.unref();
  }

  /** Folds every delta in the database, after a fold in progress; returns how many were folded. */
  async fold(): Promise<number> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#running) await this.#running;
    this.#pending = false;
    // Two statements, so two results: the fold's is the second.
    const query = this.#pool.query(foldSql) as unknown as Promise<[pg.QueryResult, pg.QueryResult<{ folded: number }>]>;
    this.#running = query.then(
      () => {
        this.#running = undefined;
        // Writes that committed during this fold: their turn next.
        if (this.#pending) this.noteWrite();
      },
      () => {
        this.#running = undefined;
        // The deltas stay in place for the next write, read or catch-up to fold: no retry loop here.
        this.#pending = true;
      },
    );
    return (await query)[1].rows[0]?.folded ?? 0;
  }

  /** Stops the timer (the store folds once more before it closes). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
