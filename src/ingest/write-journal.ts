// The ingest's write journal: batches the database refused, kept on local disk until it takes them again. One
// append-only file of lines `<crc32 hex> <json>\n`, each appended with one write and fsync'd before the caller
// moves on, so an entry either survives a crash whole or is recognised as damaged (torn last line, bad
// checksum) and skipped with a count. Bounded: an append that would pass `maxBytes` is refused (the caller keeps
// the batch in memory and slows its sources instead). Emptied (truncated) once every entry has been written.

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type FileHandle, open, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';

/** Where an entry starts in the file and how long its line is. */
export interface JournalPosition {
  offset: number;
  length: number;
}

export interface WriteJournal<T> {
  readonly path: string;
  /** Bytes in the file (entries not yet written to the database, plus any already replayed since the last clear). */
  bytes(): number;
  /** Appends and fsyncs one entry; rejects with a JournalFullError past maxBytes, or with the file system's error. */
  append(entry: T): Promise<JournalPosition>;
  /** Reads the entry at a position returned by `append` or `scan`. */
  read(position: JournalPosition): Promise<T>;
  /**
   * Every intact entry in the file, in order, each with its `weigh(entry)`, and how many damaged lines were
   * skipped (a torn last line is cut off the file).
   */
  scan(weigh: (entry: T) => number): Promise<{ entries: (JournalPosition & { weight: number })[]; damaged: number }>;
  /** Empties the file (all its entries are in the database). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export class JournalFullError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the write journal is full (${Math.round(maxBytes / 1024 / 1024)} MB)`);
    this.name = 'JournalFullError';
  }
}

/** Opens (creating if needed) the journal file at `path`. */
export async function openWriteJournal<T>(path: string, maxBytes: number): Promise<WriteJournal<T>> {
  mkdirSync(dirname(path), { recursive: true });
  const file: FileHandle = await open(path, 'a+');
  let size = (await file.stat()).size;
  // Appends and clears take turns, so a clear never cuts an append in half.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(work: () => Promise<R>): Promise<R> => {
    const run = turn.then(work, work);
    turn = run.catch(() => {});
    return run;
  };

  return {
    path,
    bytes: () => size,
    append: (entry) =>
      inTurn(async () => {
        const json = JSON.stringify(entry);
        const line = Buffer.from(`${toHex(crc32(json))} ${json}\n`);
        if (size + line.length > maxBytes) throw new JournalFullError(maxBytes);
        const offset = size;
        try {
          // 'a+' appends at the end whatever the position; a short write (disk full) throws.
          const { bytesWritten } = await file.write(line, 0, line.length, null);
          if (bytesWritten !== line.length) throw new Error(`short write to ${path}`);
          await file.datasync();
        } catch (error) {
          // Cut off what a failed write left, so the next entry starts on a clean line.
          await file.truncate(offset).catch(() => {});
          size = (await file.stat().catch(() => ({ size: offset }))).size;
          throw error;
        }
        size = offset + line.length;
        return { offset, length: line.length };
      }),
    async read(position) {
      const buffer = Buffer.alloc(position.length);
      await file.read(buffer, 0, position.length, position.offset);
      const parsed = parseLine(buffer.toString('utf8', 0, position.length - 1));
      if (parsed === undefined) throw new Error(`damaged journal entry at byte ${position.offset} of ${path}`);
      return parsed as T;
    },
    async scan(weigh) {
      const entries: (JournalPosition & { weight: number })[] = [];
      let damaged = 0;
      let offset = 0;
      let carry = Buffer.alloc(0);
      const chunk = Buffer.alloc(1024 * 1024);
      for (let position = 0; position < size; ) {
        const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        let data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
        for (;;) {
          const nl = data.indexOf(10);
          if (nl === -1) break;
          const parsed = parseLine(data.toString('utf8', 0, nl));
          if (parsed === undefined) damaged++;
          else entries.push({ offset, length: nl + 1, weight: weigh(parsed as T) });
          offset += nl + 1;
          data = data.subarray(nl + 1);
        }
        carry = Buffer.from(data);
      }
      // A last line without its newline was cut short by a crash: count it, and cut it off so the next entry
      // starts on a line of its own.
      if (carry.length > 0) {
        damaged++;
        await file.truncate(offset);
        size = offset;
      }
      return { entries, damaged };
    },
    clear: () =>
      inTurn(async () => {
        await file.truncate(0);
        await file.datasync();
        size = 0;
      }),
    close: () => inTurn(() => file.close()),
  };
}

/**
 * The journal of this process for one database, in `dir`: `write-journal-<key>-<pid>.log`. Journals of the same
 * database left by processes that are gone (their pid no longer runs) are moved into it first, so their writes
 * are replayed too; two processes starting at once may both take one over, which only writes its records twice
 * (every write is idempotent). `key` names the database (`toJournalKey(store.location)`): a journal is never
 * replayed into another database. Damaged lines of those journals are reported to `onDamaged`.
 */
export async function claimWriteJournal<T>(
  dir: string,
  key: string,
  maxBytes: number,
  onDamaged: (lines: number) => void,
): Promise<WriteJournal<T>> {
  mkdirSync(dir, { recursive: true });
  const prefix = `write-journal-${key}-`;
  const path = join(dir, `${prefix}${process.pid}.log`);
  const journal = await openWriteJournal<T>(path, maxBytes);
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.log')) continue;
    const pid = Number(name.slice(prefix.length, -'.log'.length));
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const other = join(dir, name);
    const orphan = await openWriteJournal<T>(other, Number.MAX_SAFE_INTEGER);
    const { entries, damaged } = await orphan.scan(() => 0);
    if (damaged > 0) onDamaged(damaged);
    for (const position of entries) await journal.append(await orphan.read(position));
    await orphan.close();
    await unlink(other).catch(() => {}); // another process taking it over at the same moment removed it
  }
  return journal;
}

/** A short, file-name-safe name for a database location. */
export function toJournalKey(location: string): string {
  return createHash('sha256').update(location).digest('hex').slice(0, 12);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLine(line: string): unknown {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const json = line.slice(9);
  if (toHex(crc32(json)) !== line.slice(0, 8)) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

const toHex = (n: number) => n.toString(16).padStart(8, '0');
