// What the streamer talked about in a stream: the words and two-word phrases of its transcript said in the most
// different minutes (one sentence repeated is no topic), each with a line that said it — the transcript's
// counterpart of chat's topics, read from the quotable lines only.

import type { Store } from '../../store/store.ts';
import { isTopicWord } from '../chat/get-chat-topics.ts';
import { rankTopics } from '../lib/rank-topics.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { defaultMinConfidence, loadTranscript } from './load-transcript.ts';

/** Speech's fillers, on top of chat's: they say nothing about the subject. */
const spoken = new Set(
  'um uh uhm erm hmm mm gonna wanna gotta kinda sorta yeah right so well actually basically literally guys alright'.split(
    ' ',
  ),
);

export interface TranscriptTopic {
  word: string;
  /** Distinct minutes of the stream in which it was said. */
  minutes: number;
  uses: number;
  /** The first line that said it, and when (ms since the stream's start). */
  example: { text: string; offsetMs: number };
}

export interface TranscriptTopics {
  streamId: string;
  lines: number;
  topics: TranscriptTopic[];
  evidence: Evidence;
}

/** The stream's spoken topics, most minutes first; null when the stream does not exist. */
export async function getTranscriptTopics(
  store: Store,
  streamId: string,
  options: { limit?: number; minConfidence?: number } = {},
): Promise<TranscriptTopics | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const minConfidence = options.minConfidence ?? defaultMinConfidence;
  const lines = await loadTranscript(store, info, info.startedAt, streamEnd(row), minConfidence);
  if (lines.length === 0)
    return {
      status: 'no-data',
      reason: 'no transcript was recorded for this stream (transcription is off by default)',
    };
  const topics = rankTopics(
    lines.map((line) => ({
      voice: String(Math.floor(line.offsetMs / 60_000)),
      words: line.text
        .toLowerCase()
        .split(/[^\p{L}\p{N}']+/u)
        .filter((w) => isTopicWord(w, '') && !spoken.has(w)),
      example: { text: line.text, offsetMs: line.offsetMs },
    })),
    options.limit ?? 10,
  ).map(({ voices, ...t }) => ({ ...t, minutes: voices }));
  return {
    streamId: row.id,
    lines: lines.length,
    topics,
    evidence: {
      source: 'transcript_segments',
      streamIds: [row.id],
      counts: { lines: lines.length, topics: topics.length },
      note: `words and phrases counted once per minute of the stream; transcript lines below ${minConfidence} confidence left out`,
    },
  };
}
