// Imports raw Twitch IRC logs (one IRC line per line, as justlog/rustlog and other loggers keep them) through
// the real parser and the ingest pipeline. Replays are harmless: every record has Twitch's own id.

import { stat } from 'node:fs/promises';
import { isStreamlensError, StreamlensError } from '../errors.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { isTwitchId } from '../ingest/validate-record.ts';
import { type ChannelDirectory, translateIrcLine } from '../twitch/irc/translate-irc-line.ts';
import { readLines } from './read-lines.ts';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  lines: number;
}

export interface ImportSummary {
  files: number;
  lines: number;
  messages: number;
  events: number;
  /** IRC lines that are not chat records (PING, JOIN, ROOMSTATE…), counted and skipped. */
  skipped: number;
  /** Parser drops by reason (junk, truncated, unknown channel…). */
  dropped: Record<string, number>;
  channels: { id: string; login: string }[];
  /** Files that could not be read to their end (a corrupt or truncated .gz): why; the lines before were imported. */
  failed: { file: string; error: string }[];
}

export interface ImportOptions {
  files: string[];
  ingest: Ingest;
  /**
   * Flush whenever this many records wait (keeps memory flat). The ingest's own batch size should be larger: the
   * import paces the flushes itself.
   */
  batchSize: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** Fails before importing anything when a file is missing or unreadable. */
export async function checkImportFiles(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a regular file');
      total += s.size;
    } catch (error) {
      throw new StreamlensError(
        'FILE_UNREADABLE',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'check the path; raw IRC logs are text files with one line per message (.gz is fine)',
      );
    }
  }
  return total;
}

// Some loggers put a timestamp in front of the raw line ("[2024-01-01 12:00:00] @badge-info=…"); the IRC line
// starts at the first '@' or ':' that follows a space.
function stripLogPrefix(line: string): string {
  const c = line.charCodeAt(0);
  if (c === 64 /* @ */ || c === 58 /* : */ || c === 80 /* PING */) return line;
  const at = line.indexOf(' @');
  if (at > 0 && at < 40) return line.slice(at + 1);
  const colon = line.indexOf(' :');
  if (colon > 0 && colon < 40) return line.slice(colon + 1);
  return line;
}

/** Imports every file in turn and returns what happened to each line. */
export async function importIrcLogs(options: ImportOptions): Promise<ImportSummary> {
  const totalBytes = await checkImportFiles(options.files);
  const directory: ChannelDirectory = new Map();
  const known = new Set<string>();
  const summary: ImportSummary = {
    files: 0,
    lines: 0,
    messages: 0,
    events: 0,
    skipped: 0,
    dropped: {},
    channels: [],
    failed: [],
  };
  let doneBytes = 0;
  // Pipelined: while one batch is written (on the store's writer thread, for SQLite), the next is already sent
  // (the ingest's maxWritesInFlight) and the one after is parsed; parsing waits only when a third would be sent.
  let previous: Promise<void> = Promise.resolve();
  let unflushed = 0;

  for (const file of options.files) {
    let fileBytes = 0;
    const lines = readUntilDamaged(file, summary.failed);
    for await (const chunk of lines) {
      for (const raw of chunk.lines) {
        if (raw.length === 0 || raw === '\r') continue;
        summary.lines++;
        const t = translateIrcLine(stripLogPrefix(raw), directory);
        if (t.kind === 'message') {
          summary.messages++;
          options.ingest.push({ kind: 'message', message: t.message });
        } else if (t.kind === 'event') {
          summary.events++;
          options.ingest.push({ kind: 'event', event: t.event });
        } else {
          if (t.kind === 'control') summary.skipped++;
          else summary.dropped[t.reason] = (summary.dropped[t.reason] ?? 0) + 1;
          continue;
        }
        if (++unflushed >= options.batchSize) {
          unflushed = 0;
          const next = options.ingest.flush();
          await previous;
          previous = next;
        }
      }
      if (directory.size > known.size) await saveNewChannels(directory, known, options.ingest, summary);
      fileBytes = chunk.bytesRead;
      options.onProgress?.({ file, bytesRead: doneBytes + fileBytes, totalBytes, lines: summary.lines });
    }
    doneBytes += fileBytes;
    if (summary.failed.at(-1)?.file !== file) summary.files++;
  }
  await previous;
  await options.ingest.flush();
  return summary;
}

/** The file's lines; a file that cannot be read to its end ends early, with why added to `failed`. */
async function* readUntilDamaged(file: string, failed: ImportSummary['failed']) {
  try {
    yield* readLines(file);
  } catch (error) {
    if (!isStreamlensError(error) || error.code !== 'FILE_UNREADABLE') throw error;
    failed.push({ file, error: error.message });
  }
}

async function saveNewChannels(
  directory: ChannelDirectory,
  known: Set<string>,
  ingest: Ingest,
  summary: ImportSummary,
): Promise<void> {
  for (const [login, id] of directory) {
    // A room-id that is no Twitch id (the messages that carry it are dropped) is no channel to report.
    if (known.has(login) || !isTwitchId(id)) continue;
    known.add(login);
    summary.channels.push({ id, login });
    await ingest.upsertChannel({ id, login });
  }
}
