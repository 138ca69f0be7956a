// From an engine's chunk-relative result to stored TranscriptSegments: wall-clock times from the chunk's
// PDT-based start, deterministic ids (re-transcribing stores nothing twice), and the quote gate.

import type { TranscriptSegment } from '../domain.ts';
import type { SttResult } from './engines/stt-engine.ts';

export interface ChunkTiming {
  /** Wall clock of the chunk's own audio start (after the overlap prefix). */
  startTs: number;
  overlapMs: number;
}

/** Converts a trimmed engine result into TranscriptSegments for one channel. */
export function toTranscriptSegments(
  result: SttResult,
  chunk: ChunkTiming,
  channelId: string,
  engine: string,
  streamId: string | null = null,
): TranscriptSegment[] {
  const fileStart = chunk.startTs - chunk.overlapMs;
  return result.segments
    .filter((s) => s.text.trim() !== '')
    .map((s) => {
      const startTs = Math.round(fileStart + Math.max(s.startMs, chunk.overlapMs));
      return {
        id: `${channelId}:${startTs}:${engine}`,
        channelId,
        streamId,
        startTs,
        endTs: Math.max(startTs, Math.round(fileStart + s.endMs)),
        text: s.text.trim(),
        confidence: Math.min(1, Math.max(0, s.confidence)),
        engine,
      };
    });
}

/** Whether a segment may be shown or cited as a quote (confidence at or above the configured minimum). */
export function isQuotable(segment: Pick<TranscriptSegment, 'confidence' | 'text'>, minConfidence: number): boolean {
  return segment.text.trim() !== '' && segment.confidence >= minConfidence;
}
