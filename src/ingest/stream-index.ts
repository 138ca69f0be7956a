// Which stream was live on a channel at a given time: used to attach chat and events to their stream.

import type { EpochMs, Stream } from '../domain.ts';

interface Span {
  id: string;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
}

/** Chat sent this long before a stream's recorded start still belongs to it (Helix reports start late). */
export const startGraceMs = 2 * 60 * 1000;

export class StreamIndex {
  readonly #byChannel = new Map<string, Span[]>();

  /** Adds or updates a stream's span; true when the stream was not known before. */
  add(stream: Pick<Stream, 'id' | 'channelId' | 'startedAt' | 'endedAt'>): boolean {
    const spans = this.#byChannel.get(stream.channelId) ?? [];
    const existing = spans.find((s) => s.id === stream.id);
    if (existing) {
      existing.startedAt = Math.min(existing.startedAt, stream.startedAt);
      existing.endedAt = existing.endedAt ?? stream.endedAt;
    } else {
      spans.push({ id: stream.id, startedAt: stream.startedAt, endedAt: stream.endedAt });
      spans.sort((a, b) => a.startedAt - b.startedAt);
    }
    this.#byChannel.set(stream.channelId, spans);
    return !existing;
  }

  end(streamId: string, endedAt: EpochMs): void {
    for (const spans of this.#byChannel.values()) {
      const span = spans.find((s) => s.id === streamId);
      if (span && span.endedAt === null) span.endedAt = endedAt;
    }
  }

  /** The stream live on the channel at `ts`, or null. */
  find(channelId: string, ts: EpochMs): string | null {
    const spans = this.#byChannel.get(channelId);
    if (!spans) return null;
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i] as Span;
      if (ts < s.startedAt - startGraceMs) continue;
      if (s.endedAt === null || ts <= s.endedAt) return s.id;
      return null;
    }
    return null;
  }
}
