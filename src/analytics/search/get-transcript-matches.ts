// Transcript segments matching words (the store's full-text search), each with its offset in its stream.

import type { EpochMs } from '../../domain.ts';
import type { Store, TranscriptSearchOptions } from '../../store/store.ts';
import { loadStreamOffsets } from './load-stream-offsets.ts';

/** Segments with every word of `query`, newest first. */
export async function getTranscriptMatches(
  store: Store,
  query: string,
  options: TranscriptSearchOptions,
): Promise<TranscriptMatch[]> {
  const segments = await store.searchTranscript(query, options);
  const offsetOf = await loadStreamOffsets(
    store,
    segments.map((s) => s.streamId),
  );
  return segments.map((s) => ({
    id: s.id,
    channelId: s.channelId,
    streamId: s.streamId,
    startTs: s.startTs,
    offsetMs: offsetOf(s.streamId, s.startTs),
    text: s.text,
    confidence: s.confidence,
  }));
}

export interface TranscriptMatch {
  id: string;
  channelId: string;
  streamId: string | null;
  startTs: EpochMs;
  /** From the start of its stream; null when the segment belongs to none. */
  offsetMs: number | null;
  text: string;
  /** 0..1, as the speech engine gave it. */
  confidence: number;
}
