// Writes the database refused, kept in order until it takes them: each entry goes to the on-disk journal
// (write-journal.ts) when there is one, else it stays in memory, and one drainer retries the oldest entry with
// a growing delay. While anything waits here, newer writes queue behind it, so they reach the database in the
// order they were made. A journal left by a crash is replayed first; every write is idempotent, so replaying an
// entry the database already had stores nothing twice.

import type { Channel, EpochMs, Stream } from '../domain.ts';
import type { Logger } from '../log.ts';
import type { IngestRecord } from './ingest.ts';
import { JournalFullError, type JournalPosition, type WriteJournal } from './write-journal.ts';

/** One write, as kept in the journal. */
export type SpoolEntry =
  | { records: IngestRecord[] }
  | { channels: Channel[] }
  | { streams: Stream[] }
  | { endStream: { streamId: string; endedAt: EpochMs } };

export interface WriteSpoolOptions {
  journal?: WriteJournal<SpoolEntry>;
  /**
   * Writes an entry; resolves with what is still unwritten because the database refuses writes (undefined when
   * all of it is stored or was dropped as bad), with the error that said so.
   */
  store(entry: SpoolEntry): Promise<{ rest: SpoolEntry; error: Error } | undefined>;
  log: Logger;
  /** First delay between attempts; doubled per failed attempt up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Called with damaged journal lines (a crash mid-append) that could not be replayed. */
  onDamaged(lines: number): void;
}

export interface WriteSpoolState {
  /** The last attempt to write the oldest waiting entry failed. */
  failing: boolean;
  failingSince: EpochMs | null;
  lastError: string | null;
  /** Records waiting to be written, in the journal and in memory. */
  waiting: number;
  journalBytes: number;
}

export interface WriteSpool {
  /** Entries waiting; while any do, new writes must be added here too (behind them). */
  size(): number;
  /**
   * Queues an entry behind the waiting ones; resolves once it is safe: in the journal, or (without a journal,
   * or with a full one) stored. `error` is why it is here, when a write of it already failed.
   */
  add(entry: SpoolEntry, error?: Error): Promise<void>;
  state(): WriteSpoolState;
  /** Stops retrying; what is in the journal stays there for the next start. Returns records only in memory. */
  stop(): Promise<number>;
}

interface Item {
  /** In memory until journaled (or when the journal refused it). */
  entry: SpoolEntry | undefined;
  position: JournalPosition | undefined;
  records: number;
  /** Resolves the `add` of an entry that could not be journaled, once it is stored. */
  settle?: () => void;
}

function countRecords(entry: SpoolEntry): number {
  return 'records' in entry ? entry.records.length : 1;
}

/** Opens the spool; entries a previous process left in the journal are queued and replayed at once. */
export async function createWriteSpool(options: WriteSpoolOptions): Promise<WriteSpool> {
  const { journal, log } = options;
  const queue: Item[] = [];
  let failingSince: EpochMs | null = null;
  let lastError: string | null = null;
  let draining: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  let sleeping: NodeJS.Timeout | undefined;

  if (journal) {
    const { entries, damaged } = await journal.scan(countRecords);
    if (damaged > 0) options.onDamaged(damaged);
    if (entries.length > 0) {
      const records = entries.reduce((n, e) => n + e.weight, 0);
      log.warn(`replaying ${records} records kept in ${journal.path} while the database refused them`);
      for (const { weight, ...position } of entries) queue.push({ entry: undefined, position, records: weight });
      drain();
    } else if (journal.bytes() > 0) await journal.clear();
  }

  function noteFailure(error: Error): void {
    if (failingSince === null) {
      failingSince = Date.now();
      log.error('the database refuses writes; keeping them until it takes them again', { error: error.message });
    }
    lastError = error.message;
  }

  function drain(): void {
    draining ??= (async () => {
      let attempt = 0;
      while (queue.length > 0 && !stopped) {
        const head = queue[0]!;
        let entry = head.entry;
        if (!entry) {
          try {
            entry = await journal!.read(head.position!);
          } catch (error) {
            log.error('skipping a damaged write-journal entry', { error: (error as Error).message });
            options.onDamaged(1);
            queue.shift();
            continue;
          }
        }
        const failed = await options.store(entry);
        if (!failed) {
          queue.shift();
          head.settle?.();
          attempt = 0;
          if (failingSince !== null) {
            log.info(`the database takes writes again (${Math.round((Date.now() - failingSince) / 1000)} s)`);
            failingSince = null;
          }
          continue;
        }
        // Part of a batch may be stored by now; what is left stays at the head, in memory.
        if (failed.rest !== entry) Object.assign(head, { entry: failed.rest, records: countRecords(failed.rest) });
        noteFailure(failed.error);
        const delay = Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** attempt++);
        await new Promise<void>((resolve) => {
          wake = resolve;
          sleeping = setTimeout(resolve, delay);
        });
        wake = undefined;
      }
      if (queue.length === 0 && journal && journal.bytes() > 0 && !stopped) await journal.clear();
    })().finally(() => {
      draining = undefined;
      if (queue.length > 0 && !stopped) drain();
    });
  }

  return {
    size: () => queue.length,
    async add(entry, error) {
      if (error) noteFailure(error);
      const records = countRecords(entry);
      const item: Item = { entry, position: undefined, records };
      queue.push(item);
      if (journal) {
        try {
          item.position = await journal.append(entry);
          item.entry = undefined;
          drain();
          return;
        } catch (appendError) {
          const reason = appendError instanceof JournalFullError ? appendError.message : (appendError as Error).message;
          log.warn('cannot keep a write in the journal; holding it in memory', { error: reason });
        }
      }
      // Held in memory: the caller waits until it is stored, which holds back the ingest's next batch (and,
      // through its buffer, the sources).
      await new Promise<void>((resolve) => {
        item.settle = resolve;
        drain();
      });
    },
    state: () => ({
      failing: failingSince !== null,
      failingSince,
      lastError: failingSince === null ? null : lastError,
      waiting: queue.reduce((n, item) => n + item.records, 0),
      journalBytes: journal?.bytes() ?? 0,
    }),
    async stop() {
      stopped = true;
      clearTimeout(sleeping);
      wake?.();
      await draining;
      const inMemory = queue.filter((item) => item.entry).reduce((n, item) => n + item.records, 0);
      for (const item of queue) item.settle?.();
      await journal?.close();
      return inMemory;
    },
  };
}
