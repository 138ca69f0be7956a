// Imports chat logs (raw IRC, justlog/rustlog text, Chatterino, TwitchDownloader JSON, CSV; files, `.gz` or
// standard input) through the parsers and the ingest pipeline, and forms the broadcasts the chat belongs to
// (form-streams.ts). Replays are harmless: every record has Twitch's id or a deterministic one.

import { stat } from 'node:fs/promises';
import { type ChatEvent, type ChatIdKind, type ChatMessage, type Stream, toChatIdKind } from '../domain.ts';
import { isStreamlensError, StreamlensError } from '../errors.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { isTwitchId } from '../ingest/validate-record.ts';
import { type ChannelDirectory, translateIrcLine } from '../twitch/irc/translate-irc-line.ts';
import { type ChatFormat, chatFormatDescriptions, chatFormats, detectChatFormat } from './detect-chat-format.ts';
import { type FormedStream, StreamFormer, toImportStreamId } from './form-streams.ts';
import { parseChatterinoLine, readChatterinoFileName } from './formats/parse-chatterino-line.ts';
import { parseCsvLine, readCsvHeader } from './formats/parse-csv-line.ts';
import { isJustlogJsonDocument, parseJsonObject, readJustlogJsonMessage } from './formats/parse-justlog-json.ts';
import { parseJustlogLine } from './formats/parse-justlog-line.ts';
import { type LineResult, PlainMessageMaker, toSameMessageHash } from './formats/plain-chat-line.ts';
import { readTwitchDownloaderJson } from './formats/read-twitch-downloader-json.ts';
import { scanJsonRoot } from './formats/scan-json-root.ts';
import { readBytes, stdinPath, toLineChunks, toUnreadable } from './read-lines.ts';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  lines: number;
}

export interface ImportSummary {
  files: number;
  /** The format of each file, in order. */
  formats: ChatFormat[];
  lines: number;
  messages: number;
  events: number;
  /** Lines that are not chat records (PING, JOIN, ROOMSTATE, system lines…), counted and skipped. */
  skipped: number;
  /** Parser drops by reason (junk, truncated, unknown channel…). */
  dropped: Record<string, number>;
  channels: { id: string; login: string }[];
  /** Streams this import formed (or took from the file or Helix), with the messages it attached to them. */
  streams: FormedStream[];
  /** Channels whose archives Helix could not list (their chat was grouped by gaps), with the reason. */
  archiveErrors: { channelId: string; error: string }[];
  /** Files that could not be read to their end (a corrupt or truncated .gz): why; the lines before were imported. */
  failed: { file: string; error: string }[];
  /** Messages already stored under another id, from a log of another kind (a text log's line and a VOD chat's). */
  sameAsStored: number;
}

export interface ImportOptions {
  files: string[];
  ingest: Ingest;
  /** A format for every file; detected from each file's content when absent. */
  format?: ChatFormat;
  /**
   * Flush whenever this many records wait (keeps memory flat). The ingest's own batch size should be larger: the
   * import paces the flushes itself.
   */
  batchSize: number;
  /** Channels known before the import (login → id), e.g. from the database; filled as the files name others. */
  directory?: ChannelDirectory;
  /** The channel id for text logs about a channel not in the directory (else `login:<channel>`). */
  channelId?: string;
  /** Streams already stored, so chat in them is attached and no stream is formed twice. */
  knownStreams: readonly Pick<Stream, 'id' | 'channelId' | 'startedAt' | 'endedAt'>[];
  /** A silence in a channel's chat longer than this ends a broadcast formed from chat. */
  streamGapMs: number;
  /**
   * A channel's chatters whose Twitch user id is known, by login: a text log's chatter (named by login only) gets
   * that id instead of a `login:` stand-in, so they are one chatter with the one recorded live or from a VOD's chat.
   */
  loadChatterIds?: (channelId: string) => Promise<Map<string, string>>;
  /**
   * The channel's stored messages in [from, to) whose ids are of another kind than `otherThan`: a message stored
   * already under an id of another kind (from a log of another kind) is not stored again.
   */
  loadStoredChat?: (
    channelId: string,
    from: number,
    to: number,
    otherThan: ChatIdKind,
  ) => Promise<{ login: string; ts: number; text: string }[]>;
  /** A channel's archived broadcasts (Helix Get Videos), when credentials exist: chat in them belongs to them. */
  listArchivedStreams?: (channelId: string) => Promise<Stream[]>;
  onProgress?: (progress: ImportProgress) => void;
}

/** Fails before importing anything when a file is missing or unreadable; `-` (stdin) has no size. */
export async function checkImportFiles(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    if (file === stdinPath) continue;
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a regular file');
      total += s.size;
    } catch (error) {
      throw new StreamlensError(
        'FILE_UNREADABLE',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'check the path; chat logs are text or JSON files (.gz is fine), or - for standard input',
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

function unknownFormat(file: string): StreamlensError {
  return new StreamlensError(
    'DATA_INVALID',
    `${file === stdinPath ? 'standard input' : file} is in no chat log format streamlens reads; nothing was imported`,
    `accepted formats (detected from the content, or forced with --format):\n${chatFormats
      .map((f) => `  ${f.padEnd(17)} ${chatFormatDescriptions[f]}`)
      .join('\n')}`,
  );
}

/** A JSON file's syntax error as the import's error naming the file and its format; anything else as it is. */
function toInvalidJson(error: unknown, file: string, format: string): unknown {
  return error instanceof SyntaxError
    ? new StreamlensError('DATA_INVALID', `${file}: not valid ${format} (${error.message})`)
    : error;
}

/** Reads the first bytes (up to 64 KiB) and gives them back with the rest of the stream. */
async function peek(bytes: AsyncIterator<Buffer>): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 1 << 16) {
    const next = await bytes.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const next = await bytes.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: all() };
}

/** Imports every file in turn and returns what happened to each line. */
export async function importChatLogs(options: ImportOptions): Promise<ImportSummary> {
  const totalBytes = await checkImportFiles(options.files);
  const directory: ChannelDirectory = options.directory ?? new Map();
  const known = new Set<string>();
  const summary: ImportSummary = {
    files: 0,
    formats: [],
    lines: 0,
    messages: 0,
    events: 0,
    skipped: 0,
    dropped: {},
    channels: [],
    streams: [],
    archiveErrors: [],
    failed: [],
    sameAsStored: 0,
  };
  const former = new StreamFormer({ gapMs: options.streamGapMs, known: options.knownStreams });
  const maker = new PlainMessageMaker();
  const ingest = options.ingest;
  let doneBytes = 0;
  // Pipelined: while one batch is written (on the store's writer thread, for SQLite), the next is already sent
  // (the ingest's maxWritesInFlight) and the one after is parsed; parsing waits only when a third would be sent.
  let previous: Promise<void> = Promise.resolve();
  let unflushed = 0;

  const count = (map: Record<string, number>, reason: string) => {
    map[reason] = (map[reason] ?? 0) + 1;
  };
  // Archives are listed once per channel, before its first message is attached (numeric ids only: a channel
  // known only by login has no archives to ask for).
  const listed = new Set<string>();
  const needsArchives = (channelId: string) => options.listArchivedStreams !== undefined && !listed.has(channelId);
  const loadArchives = async (channelId: string) => {
    listed.add(channelId);
    if (!/^\d+$/.test(channelId)) return;
    try {
      for (const stream of await options.listArchivedStreams!(channelId)) former.declare(stream, 'archive');
    } catch (error) {
      summary.archiveErrors.push({ channelId, error: (error as Error).message });
    }
  };
  // Chatters' Twitch ids by channel and login: stored ones (loaded once a channel's first text line comes) and those
  // this import's IRC or VOD chat names.
  const chatterIds = new Map<string, Map<string, string>>();
  const idsOf = (channelId: string) => {
    let ids = chatterIds.get(channelId);
    if (!ids) {
      ids = new Map();
      chatterIds.set(channelId, ids);
    }
    return ids;
  };
  const loadedIds = new Set<string>();
  const needsIds = (channelId: string) => options.loadChatterIds !== undefined && !loadedIds.has(channelId);
  const loadIds = async (channelId: string) => {
    loadedIds.add(channelId);
    const ids = idsOf(channelId);
    for (const [login, id] of await options.loadChatterIds!(channelId)) if (!ids.has(login)) ids.set(login, id);
  };
  /** What a text log's first line of a channel waits for (its archives listed, its chatters' ids loaded), if any. */
  const prepareChannel = (channelId: string): Promise<void> | undefined => {
    if (!needsArchives(channelId) && !needsIds(channelId)) return undefined;
    return (async () => {
      if (needsArchives(channelId)) await loadArchives(channelId);
      if (needsIds(channelId)) await loadIds(channelId);
    })();
  };
  // Channels the records of this import belong to: the summary lists these, not every channel known before.
  const seen = new Set<string>();
  const pushMessage = (message: ChatMessage) => {
    summary.messages++;
    seen.add(message.channelId);
    // A chatter with a Twitch id (IRC, a VOD's chat): a text log's line by the same login is the same chatter.
    if (/^\d+$/.test(message.userId)) idsOf(message.channelId).set(message.userLogin.toLowerCase(), message.userId);
    if (message.streamId === null) message.streamId = former.attachMessage(message.channelId, message.ts);
    ingest.push({ kind: 'message', message });
  };
  const pushEvent = (event: ChatEvent) => {
    summary.events++;
    seen.add(event.channelId);
    if (event.streamId === null) event.streamId = former.attachEvent(event.channelId, event.ts);
    ingest.push({ kind: 'event', event });
  };
  // Counts a record pushed: a promise only when the batch is full and the parser must wait for the one before
  // (an await per record suspended and resumed this whole function once a line).
  const afterRecord = (): Promise<void> | undefined => {
    if (++unflushed < options.batchSize) return undefined;
    unflushed = 0;
    const next = ingest.flush();
    const wait = previous;
    previous = next;
    return wait;
  };
  const afterChunk = async () => {
    for (const [login, id] of directory) {
      const key = `${id}\u0000${login}`;
      if (known.has(key) || !seen.has(id)) continue;
      known.add(key);
      // A room-id that is no Twitch id (the messages that carry it are dropped) is no channel to report.
      if (!isTwitchId(id)) continue;
      summary.channels.push({ id, login });
      // No display name: a log names channels by login, which must not replace a known display name.
      await ingest.upsertChannel({ id, login });
    }
    for (const stream of former.takeStreamsToWrite()) await ingest.upsertStream(stream);
  };
  const channelIdOf = (login: string, given: string | undefined): string => {
    if (given) {
      if (directory.get(login) !== given && login !== '') directory.set(login, given);
      return given;
    }
    let id = directory.get(login);
    if (id === undefined) {
      id = options.channelId ?? `login:${login}`;
      directory.set(login, id);
    }
    return id;
  };
  const loginOf = (id: string | undefined): string | undefined => {
    if (id !== undefined) for (const [login, known] of directory) if (known === id && login !== '') return login;
    return undefined;
  };
  /** Takes a parsed text line; a promise only when the caller must wait (archives to list, a full batch). */
  const takeLine = (result: LineResult): Promise<void> | undefined => {
    summary.lines++;
    if (result.kind === 'skipped') {
      summary.skipped++;
      return undefined;
    }
    if (result.kind === 'dropped') {
      count(summary.dropped, result.reason);
      return undefined;
    }
    const line = result.line;
    if (line.channel === '') {
      // rustlog's basic JSON names the channel by id only: one known by that id takes it, else nothing can.
      const login = loginOf(line.channelId);
      if (login === undefined) {
        count(summary.dropped, 'channel known by id only (import rustlog’s full JSON, which names it)');
        return undefined;
      }
      line.channel = login;
    }
    const channelId = channelIdOf(line.channel, line.channelId);
    const push = () => {
      line.userId ??= chatterIds.get(channelId)?.get(line.login.toLowerCase());
      return pushNew(maker.toMessage(line, channelId));
    };
    const ready = prepareChannel(channelId);
    return ready ? ready.then(push) : push();
  };

  // The same message in two logs of different kinds (a justlog line and the VOD chat JSON of that stream) has no id
  // in common: it is matched by chatter, second and text against what is stored under another id, an hour of a
  // channel at a time (loaded once per channel and hour; a second either side for a logger's rounding).
  const hourMs = 3_600_000;
  interface StoredHour {
    channelId: string;
    kind: ChatIdKind;
    hour: number;
    /** toSameMessageHash of each message stored in the hour under an id of another kind. */
    keys: Set<number>;
  }
  const storedHours = new Map<string, StoredHour>();
  /** The hour the last message fell in (most messages fall in the one before theirs: no lookup, no key built). */
  let current: StoredHour | undefined;
  /** A promise when the stored messages of the message's hour must be loaded first. */
  const storedReady = (m: ChatMessage): Promise<void> | undefined => {
    if (options.loadStoredChat === undefined) return undefined;
    const kind = toChatIdKind(m.id);
    const hour = Math.floor(m.ts / hourMs);
    if (current !== undefined && current.hour === hour && current.kind === kind && current.channelId === m.channelId)
      return undefined;
    const slot = `${kind}\u0000${m.channelId}`;
    const kept = storedHours.get(slot);
    if (kept?.hour === hour) {
      current = kept;
      return undefined;
    }
    const from = hour * hourMs - 2000;
    return options.loadStoredChat(m.channelId, from, from + hourMs + 4000, kind).then((rows) => {
      current = {
        channelId: m.channelId,
        kind,
        hour,
        keys: new Set(rows.map((r) => toSameMessageHash(r.login, r.ts, r.text))),
      };
      storedHours.set(slot, current);
    });
  };
  /** Whether `m` (whose hour storedReady made current) is stored already under an id of another kind. */
  const alreadyStored = (m: ChatMessage): boolean => {
    const keys = current?.keys;
    if (keys === undefined || keys.size === 0) return false;
    for (const d of [0, -1000, 1000]) if (keys.has(toSameMessageHash(m.userLogin, m.ts + d, m.text))) return true;
    return false;
  };
  /** Pushes a message unless it is stored already from a log of the other kind. */
  const pushNew = (m: ChatMessage): Promise<void> | undefined => {
    const push = () => {
      if (alreadyStored(m)) {
        summary.sameAsStored++;
        return undefined;
      }
      pushMessage(m);
      return afterRecord();
    };
    const ready = storedReady(m);
    return ready ? ready.then(push) : push();
  };
  /** Takes a raw IRC line; a promise only when the caller must wait (archives to list, a full batch). */
  const takeIrcLine = (raw: string): Promise<void> | undefined => {
    summary.lines++;
    const t = translateIrcLine(raw, directory);
    if (t.kind === 'message') {
      if (needsArchives(t.message.channelId)) return loadArchives(t.message.channelId).then(() => pushNew(t.message));
      return pushNew(t.message);
    }
    if (t.kind === 'event') {
      pushEvent(t.event);
      return afterRecord();
    }
    if (t.kind === 'control') summary.skipped++;
    else count(summary.dropped, t.reason);
    return undefined;
  };
  /** Takes one justlog/rustlog JSON message (undefined: a line that is no JSON object, dropped). */
  const takeJustlogJson = (value: Record<string, unknown> | undefined): Promise<void> | undefined => {
    if (value === undefined) {
      summary.lines++;
      count(summary.dropped, 'not a JSON message');
      return undefined;
    }
    const m = readJustlogJsonMessage(value);
    return m.kind === 'irc' ? takeIrcLine(m.raw) : takeLine(m.result);
  };

  for (const [index, file] of options.files.entries()) {
    if (index > 0 && options.loadStoredChat !== undefined) {
      // The files before are stored before this one is matched against what is stored.
      await afterChunk();
      await previous;
      await ingest.flush();
      storedHours.clear();
      current = undefined;
    }
    const counter = { bytesRead: 0 };
    try {
      const { head, all } = await peek(readBytes(file, counter)[Symbol.asyncIterator]());
      const format = options.format ?? detectChatFormat(head.toString('utf8'));
      if (format === undefined) throw unknownFormat(file);
      summary.formats.push(format);
      const progress = () =>
        options.onProgress?.({ file, bytesRead: doneBytes + counter.bytesRead, totalBytes, lines: summary.lines });
      /** After one record of a JSON file: waits when the caller must, reports progress after each flush. */
      const afterJsonRecord = async (wait: Promise<void> | undefined) => {
        if (wait) await wait;
        if (unflushed === 0) {
          await afterChunk();
          progress();
        }
      };

      if (format === 'twitchdownloader') {
        let streamer: { login: string; id: string } | undefined;
        try {
          for await (const item of readTwitchDownloaderJson(all)) {
            if (item.kind === 'streamer') {
              streamer = item;
              if (item.id && item.login) directory.set(item.login, item.id);
            } else if (item.kind === 'video') {
              if (!streamer?.id) continue;
              const v = item.video;
              // Helix knows this VOD's broadcast: its chat goes there, under the broadcast's own id.
              if (needsArchives(streamer.id)) await loadArchives(streamer.id);
              if (v.id !== null && former.hasArchiveOf(v.id)) continue;
              former.declare({
                id: toImportStreamId(streamer.id, v.startedAt),
                channelId: streamer.id,
                startedAt: v.startedAt,
                endedAt: v.lengthMs === null ? null : v.startedAt + v.lengthMs,
                title: v.title,
                gameId: null,
                gameName: null,
                language: null,
                tags: [],
                vodId: v.id,
              });
              await afterChunk();
            } else await afterJsonRecord(takeLine(item.result));
          }
        } catch (error) {
          throw toInvalidJson(error, file, 'TwitchDownloader JSON');
        }
      } else if (format === 'justlog-json' && isJustlogJsonDocument(head.subarray(0, 4096).toString('utf8'))) {
        try {
          for await (const { value } of scanJsonRoot(all, { objects: [], arrays: ['messages'] }))
            await afterJsonRecord(takeJustlogJson(value));
        } catch (error) {
          throw toInvalidJson(error, file, 'justlog/rustlog JSON');
        }
        await afterChunk();
        progress();
      } else {
        const chatterino = format === 'chatterino' ? readChatterinoFileName(file) : undefined;
        if (format === 'chatterino' && chatterino === undefined)
          throw new StreamlensError(
            'DATA_INVALID',
            `${file}: a Chatterino log's date and channel come from its name, like forsen-2023-01-01.log`,
            'keep the name Chatterino gave the file',
          );
        let columns: ReturnType<typeof readCsvHeader> | null = null;
        for await (const chunk of toLineChunks(all, counter)) {
          for (const raw of chunk.lines) {
            if (raw.length === 0 || raw === '\r') continue;
            if (format === 'irc') {
              const wait = takeIrcLine(stripLogPrefix(raw));
              if (wait) await wait;
            } else {
              let wait: Promise<void> | undefined;
              if (format === 'justlog') wait = takeLine(parseJustlogLine(raw));
              else if (format === 'justlog-json') wait = takeJustlogJson(parseJsonObject(raw));
              else if (format === 'chatterino')
                wait = takeLine(parseChatterinoLine(raw, chatterino!.channel, chatterino!.date));
              else if (columns !== null) wait = takeLine(parseCsvLine(raw, columns!));
              else {
                columns = readCsvHeader(raw);
                if (columns === undefined) throw unknownFormat(file);
              }
              if (wait) await wait;
            }
          }
          await afterChunk();
          progress();
        }
      }
    } catch (error) {
      // A file that cannot be read to its end (corrupt or truncated gzip data, a read error) is named with why;
      // the lines before were imported and the next file is. Anything else (a bad format, a bug) stops the import.
      if (isStreamlensError(error) || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
      summary.failed.push({ file, error: toUnreadable(file, error as NodeJS.ErrnoException).message });
      doneBytes += counter.bytesRead;
      continue;
    }
    doneBytes += counter.bytesRead;
    summary.files++;
  }
  summary.streams = former.finish();
  await afterChunk();
  await previous;
  await ingest.flush();
  return summary;
}
