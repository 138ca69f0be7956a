// Chat sentiment per minute from a small emote-aware lexicon (KEKW/LUL count as positive laughter,
// Sadge/BibleThump as negative).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { isLaughterEmote } from '../lib/emote-words.ts';
import { laughterWords, negativeWords, positiveWords, rawTokens, tokenize } from '../lib/lexicon.ts';
import { round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { findKeptRollupPart } from '../rollup/get-stream-rollup.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { loadStreamChat } from './load-chat.ts';

/**
 * Sentiment of a stream's chat per minute; null when the stream does not exist. A finished stream's is read from
 * its kept rollup (its report part) when that is current.
 */
export async function getStreamSentiment(store: Store, streamId: string): Promise<StreamSentiment | NoData | null> {
  return (await findKeptRollupPart(store, streamId, 'report'))?.sentiment ?? computeStreamSentiment(store, streamId);
}

/** Sentiment of a stream's chat per minute from its chat (never its rollup); null when the stream does not exist. */
export async function computeStreamSentiment(store: Store, streamId: string): Promise<StreamSentiment | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const chat = await loadStreamChat(store, {
    id: info.id,
    channelId: info.channelId,
    startedAt: info.startedAt,
    endTs: streamEnd(row),
  });
  if (chat.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const byMinute = new Map<number, SentimentMinute>();
  let total = 0;
  let sum = 0;
  for (const line of chat) {
    const minute = Math.floor((line.ts - info.startedAt) / 60_000);
    let m = byMinute.get(minute);
    if (!m) {
      m = {
        minute,
        ts: info.startedAt + minute * 60_000,
        offsetMs: minute * 60_000,
        messages: 0,
        positive: 0,
        negative: 0,
        laughter: 0,
        score: null,
      };
      byMinute.set(minute, m);
    }
    const s = scoreMessage(line.text);
    m.messages++;
    if (s.laughter) m.laughter++;
    else if (s.positive) m.positive++;
    if (s.negative) m.negative++;
    total++;
    sum += s.value;
  }
  const minutes = [...byMinute.values()].sort((a, b) => a.minute - b.minute);
  for (const m of minutes) m.score = round((m.positive + m.laughter - m.negative) / m.messages, 2);
  return {
    stream: info,
    minutes,
    overall: round(sum / total, 2),
    evidence: {
      source: 'chat_messages',
      streamIds: [info.id],
      counts: { messages: total },
      note: 'lexicon of ~80 words and emotes; a message counts once per polarity',
    },
  };
}

/** Polarity of one message: +1 laughter/positive, −1 negative, 0 neutral or mixed. Pure. */
export function scoreMessage(text: string): { value: number; positive: boolean; negative: boolean; laughter: boolean } {
  const tokens = tokenize(text);
  // Laughter emotes are matched by their exact names too, so a channel's own (`xqcLUL`, `KEKLEO`) count.
  const laughter = tokens.some((t) => laughterWords.has(t)) || rawTokens(text).some(isLaughterEmote);
  const positive = laughter || tokens.some((t) => positiveWords.has(t));
  const negative = tokens.some((t) => negativeWords.has(t));
  return { value: (positive ? 1 : 0) - (negative ? 1 : 0), positive, negative, laughter };
}

export interface SentimentMinute {
  minute: number;
  ts: EpochMs;
  offsetMs: number;
  messages: number;
  positive: number;
  negative: number;
  laughter: number;
  /** (positive + laughter − negative) ÷ messages, −1..1; null when no messages. */
  score: number | null;
}

export interface StreamSentiment {
  stream: StreamInfo;
  minutes: SentimentMinute[];
  overall: number | null;
  evidence: Evidence;
}
