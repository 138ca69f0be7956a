// Imported chat forms streams. A record that falls in a stream already known (stored, declared by the file
// itself: a TwitchDownloader video, or an archive VOD Helix lists for the channel) belongs to it; other chat is grouped into broadcasts by gaps: a silence
// longer than `gapMs` in a channel's chat ends one. Ids are deterministic (`import:<channel id>:<first message
// ts>`), and the streams it forms are stored, so importing the same file again finds them and forms none.
// Streams formed here have no viewer snapshots: their viewer counts are unknown (NULL), never zero.

import type { EpochMs, Stream } from '../domain.ts';
import { StreamIndex } from '../ingest/stream-index.ts';

/** The default silence that ends a broadcast formed from chat: 30 minutes. */
export const defaultStreamGapMs = 30 * 60 * 1000;

export interface FormedStream {
  id: string;
  channelId: string;
  startedAt: EpochMs;
  endedAt: EpochMs;
  /** How the stream was found: the file's video, an archive VOD listed by Helix, or gaps in chat. */
  source: 'video' | 'archive' | 'gaps';
  messages: number;
}

interface Segment {
  id: string;
  channelId: string;
  startedAt: EpochMs;
  lastTs: EpochMs;
  messages: number;
}

export interface StreamFormerOptions {
  gapMs: number;
  /** Streams stored already (their spans). */
  known: readonly Pick<Stream, 'id' | 'channelId' | 'startedAt' | 'endedAt'>[];
}

export function toImportStreamId(channelId: string, startedAt: EpochMs): string {
  return `import:${channelId}:${startedAt}`;
}

export class StreamFormer {
  readonly #known = new StreamIndex();
  readonly #open = new Map<string, Segment>();
  readonly #formed: FormedStream[] = [];
  readonly #declared = new Map<string, FormedStream>();
  /** Archives listed by Helix, written (and reported) only once chat of this import falls in them. */
  readonly #unused = new Map<string, Stream>();
  readonly #archiveVods = new Set<string>();
  readonly #options: StreamFormerOptions;
  #toWrite: Stream[] = [];

  constructor(options: StreamFormerOptions) {
    this.#options = options;
    for (const s of options.known) this.#known.add(s);
  }

  /**
   * A stream the file itself describes (a VOD's start and length), or an archive Helix lists (`source:
   * 'archive'`: stored only if chat of this import falls in it): its chat belongs to it. One stored already
   * changes nothing.
   */
  declare(stream: Stream, source: 'video' | 'archive' = 'video'): void {
    if (stream.endedAt === null) return;
    if (source === 'archive' && stream.vodId !== null) this.#archiveVods.add(stream.vodId);
    if (this.#known.find(stream.channelId, stream.startedAt) === stream.id) return;
    this.#known.add(stream);
    if (source === 'archive') this.#unused.set(stream.id, stream);
    else this.#use(stream, source);
  }

  /** Whether an archive listed by Helix recorded this VOD. */
  hasArchiveOf(vodId: string): boolean {
    return this.#archiveVods.has(vodId);
  }

  #use(stream: Stream, source: 'video' | 'archive'): FormedStream {
    const formed: FormedStream = {
      id: stream.id,
      channelId: stream.channelId,
      startedAt: stream.startedAt,
      endedAt: stream.endedAt ?? stream.startedAt,
      source,
      messages: 0,
    };
    this.#declared.set(stream.id, formed);
    this.#formed.push(formed);
    this.#toWrite.push(stream);
    return formed;
  }

  /** Streams formed or declared since the last call, to write (closed: `endedAt` set). */
  takeStreamsToWrite(): Stream[] {
    const streams = this.#toWrite;
    this.#toWrite = [];
    return streams;
  }

  /** The stream a chat message at `ts` belongs to, forming or extending one from gaps when none is known. */
  attachMessage(channelId: string, ts: EpochMs): string {
    const known = this.#known.find(channelId, ts);
    if (known !== null) {
      const unused = this.#unused.get(known);
      if (unused) {
        this.#unused.delete(known);
        this.#use(unused, 'archive');
      }
      const declared = this.#declared.get(known);
      if (declared) declared.messages++;
      return known;
    }
    const open = this.#open.get(channelId);
    if (open && ts <= open.lastTs + this.#options.gapMs && ts >= open.startedAt - this.#options.gapMs) {
      if (ts > open.lastTs) open.lastTs = ts;
      if (ts < open.startedAt) open.startedAt = ts;
      open.messages++;
      return open.id;
    }
    if (open) this.#close(open);
    const segment: Segment = { id: toImportStreamId(channelId, ts), channelId, startedAt: ts, lastTs: ts, messages: 1 };
    this.#open.set(channelId, segment);
    return segment.id;
  }

  /** The stream a chat event at `ts` belongs to, if any: events alone never form one. */
  attachEvent(channelId: string, ts: EpochMs): string | null {
    const known = this.#known.find(channelId, ts);
    if (known !== null) return known;
    const open = this.#open.get(channelId);
    return open && ts >= open.startedAt && ts <= open.lastTs ? open.id : null;
  }

  /** Closes the streams still open (then to write); returns every stream formed or declared by this import. */
  finish(): FormedStream[] {
    for (const open of [...this.#open.values()]) this.#close(open);
    return this.#formed;
  }

  #close(segment: Segment): void {
    this.#open.delete(segment.channelId);
    const formed: FormedStream = { ...segment, endedAt: segment.lastTs, source: 'gaps' };
    delete (formed as Partial<Segment>).lastTs;
    this.#formed.push(formed);
    this.#known.add({ ...formed });
    this.#toWrite.push({
      id: segment.id,
      channelId: segment.channelId,
      startedAt: segment.startedAt,
      endedAt: segment.lastTs,
      title: '',
      gameId: null,
      gameName: null,
      language: null,
      tags: [],
      vodId: null,
    });
  }
}
