// The agent's evaluation set: questions of each kind with the facts their correct answer must contain,
// computed from the data (SQL) or from the simulator's planted facts — never from the agent's own tools.

import type { HistoryFacts } from '../../sim/index.ts';
import type { Store } from '../../store/store.ts';

/** What a correct answer must contain. */
export interface Expected {
  /** Numbers that must appear in the answer text (within the relative tolerance). */
  numbers?: number[];
  tolerance?: number;
  /** Offsets (ms from the start of `streamId`) that must be cited or written, within a minute. */
  moments?: { streamId: string; offsetMs: number }[];
  /** Words that must appear (case-insensitive). */
  words?: string[];
}

export interface EvalQuestion {
  type: string;
  question: string;
  expected: Expected;
}

interface StreamRow {
  id: string;
  started_at: number;
}

/** The questions with their expected answers for the data in `store`. */
export async function buildEvalQuestions(store: Store, facts: HistoryFacts): Promise<EvalQuestion[]> {
  const streams = await store.all<StreamRow>(
    'SELECT id, started_at FROM streams WHERE channel_id = ? ORDER BY started_at DESC',
    [facts.channelId],
  );
  const latest = streams[0];
  const previous = streams[1];
  if (!latest || !previous) throw new Error('the eval needs at least two streams');
  const peak = async (id: string) =>
    (await store.get<{ n: number }>('SELECT MAX(viewer_count) AS n FROM stream_snapshots WHERE stream_id = ?', [id]))!
      .n;
  const count = async (sql: string, params: unknown[]) => (await store.get<{ n: number }>(sql, params))!.n;
  const follows = await count(
    "SELECT COUNT(*) AS n FROM channel_events WHERE stream_id = ? AND type = 'channel.follow'",
    [latest.id],
  );
  const messages = await count('SELECT COUNT(*) AS n FROM chat_messages WHERE stream_id = ?', [latest.id]);
  const top = await store.get<{ user_login: string }>(
    'SELECT user_login FROM chat_messages WHERE channel_id = ? GROUP BY user_login ORDER BY COUNT(*) DESC LIMIT 1',
    [facts.channelId],
  );
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const slot = `${days[facts.bestSlot.weekday]} ${String(facts.bestSlot.hourUtc).padStart(2, '0')}:00`;
  const adMs = facts.adBreakMinute * 60_000;
  const hypeMs = facts.hypeMinute * 60_000;
  const latestPeak = await peak(latest.id);
  const previousPeak = await peak(previous.id);
  return [
    { type: 'summary', question: 'Summarize my latest stream', expected: { numbers: [latestPeak, follows, messages] } },
    { type: 'summary', question: 'How did my last stream go?', expected: { numbers: [latestPeak, messages] } },
    { type: 'best-time', question: 'When should I stream?', expected: { words: [slot] } },
    { type: 'best-time', question: 'What is the best day and time to stream?', expected: { words: [slot] } },
    {
      type: 'best-category',
      question: 'Which category performs best?',
      expected: { words: [facts.bestCategory.name] },
    },
    {
      type: 'best-category',
      question: 'Which game should I stream more?',
      expected: { words: [facts.bestCategory.name] },
    },
    {
      type: 'viewer-drop',
      question: `Why did viewers drop at ${facts.adBreakMinute + 2} minutes in my latest stream?`,
      expected: { words: ['ad break'], moments: [{ streamId: latest.id, offsetMs: adMs }] },
    },
    {
      type: 'viewer-drop',
      question: `Why did people leave around 0:${facts.adBreakMinute + 1} in the previous stream?`,
      expected: { words: ['ad break'], moments: [{ streamId: previous.id, offsetMs: adMs }] },
    },
    {
      type: 'highlights',
      question: 'Show me the highlights of my latest stream',
      expected: { words: [facts.hypeEmote], moments: [{ streamId: latest.id, offsetMs: hypeMs }] },
    },
    { type: 'top-chatters', question: 'Who are my top chatters?', expected: { words: [top?.user_login ?? '?'] } },
    {
      type: 'compare',
      question: 'Compare my latest stream with the previous one',
      expected: { numbers: [previousPeak, latestPeak] },
    },
  ];
}
