// Transcript lines of a stream that may be quoted (confidence at or above the configured minimum).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

export const defaultMinConfidence = 0.6;

/** Quotable transcript lines starting in [fromTs, toTs], oldest first. */
export async function loadTranscript(
  store: Store,
  s: { id: string; channelId: string; startedAt: number },
  fromTs: number,
  toTs: number,
  minConfidence = defaultMinConfidence,
): Promise<TranscriptLine[]> {
  const rows = await store.all<{ start_ts: number; end_ts: number; text: string; confidence: number }>(
    `SELECT start_ts, end_ts, text, confidence FROM transcript_segments
     WHERE channel_id = ? AND start_ts >= ? AND start_ts <= ? AND (stream_id = ? OR stream_id IS NULL) AND confidence >= ?
     ORDER BY start_ts`,
    [s.channelId, fromTs, toTs, s.id, minConfidence],
  );
  return rows.map((r) => ({
    ts: Number(r.start_ts),
    offsetMs: Number(r.start_ts) - s.startedAt,
    endTs: Number(r.end_ts),
    text: r.text,
    confidence: Number(r.confidence),
  }));
}

export interface TranscriptLine {
  ts: EpochMs;
  offsetMs: number;
  endTs: EpochMs;
  text: string;
  confidence: number;
}
