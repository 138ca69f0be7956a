// When chat went quiet in a stream, and what was going on then: stretches of at least three minutes where chat
// ran at under half its usual pace (the median minute of the stream) after three minutes at its usual pace or near
// it (so the stream's first minutes, while chat arrives, are no lull), each with the viewers before and during it,
// what was recorded in the five minutes before it began (an ad break, a category or title change, a raid out…) and
// what the streamer was saying as it began (the transcript, when one was recorded). Deepest lull first: the
// messages it cost against the usual pace.

import type { Store } from '../../store/store.ts';
import type { TimelineEvent } from '../events/load-events.ts';
import { median } from '../lib/stats.ts';
import type { StreamInfo } from '../stream/load-stream.ts';
import { getStreamTimeline, type StreamTimeline, type TimelineMinute } from '../timeline/get-stream-timeline.ts';

/** A lull: `minutes` minutes from `offsetMs` with chat under half its usual pace. */
export interface ChatLull {
  offsetMs: number;
  minutes: number;
  messagesPerMinute: number;
  chattersPerMinute: number;
  /** Messages the lull's minutes were short of the usual pace. */
  messagesShort: number;
  /** Viewers in the minute before the lull and the fewest during it; null where no count was recorded. */
  viewersBefore: number | null;
  viewersDuring: number | null;
  /** Events that can explain it (ad breaks, raids out, title or category changes, polls, predictions,
   * shoutouts) in the five minutes before the lull began and while it lasted, oldest first. */
  events: TimelineEvent[];
  /** What the streamer said in the minute before it began and its first two minutes (at most three lines). */
  said: { offsetMs: number; text: string }[];
}

export interface ChatLulls {
  stream: StreamInfo;
  /** The median messages a minute over the stream's minutes with chat expected (its first two left out). */
  usualPerMinute: number;
  /** The deepest lulls first, at most five. */
  lulls: ChatLull[];
}

const minLullMinutes = 3;
const quietShare = 0.5;
/** Below this usual pace a quiet minute is no news: chat is too slow to have lulls. */
const minUsualPerMinute = 2;
const lookBackMs = 5 * 60_000;
/** Chat was going before a lull: its three minutes before averaged at least three quarters of the usual pace. */
const leadMinutes = 3;
const goingShare = 0.75;
/** The events that can explain chat going quiet (a follow or a cheer does not). */
const explainingKinds = new Set<TimelineEvent['kind']>([
  'ad-break',
  'raid-out',
  'category-change',
  'title-change',
  'poll',
  'prediction',
  'shoutout-out',
]);

/** The lulls of a stream's chat; null when the stream does not exist. */
export async function getChatLulls(store: Store, streamId: string): Promise<ChatLulls | null> {
  const timeline = await getStreamTimeline(store, streamId);
  if (!timeline) return null;
  const minutes = timeline.minutes;
  // The first two minutes are the stream starting: chat arrives, it is not yet its usual self.
  const body = minutes.slice(2);
  const usual = median(body.map((m) => m.messages)) ?? 0;
  if (usual < minUsualPerMinute) return { stream: timeline.stream, usualPerMinute: usual, lulls: [] };
  const quiet = (m: TimelineMinute) => m.messages < usual * quietShare;
  const lulls: ChatLull[] = [];
  for (let i = 2; i < minutes.length; ) {
    if (!quiet(minutes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < minutes.length && quiet(minutes[j]!)) j++;
    // A run of quiet minutes that reaches the stream's end is the stream winding down, not a lull; one not
    // preceded by chat at its pace is chat not yet going, not dying down.
    const lead = minutes.slice(Math.max(0, i - leadMinutes), i);
    const wasGoing =
      lead.length === leadMinutes && lead.reduce((n, m) => n + m.messages, 0) >= leadMinutes * usual * goingShare;
    if (j - i >= minLullMinutes && j < minutes.length && wasGoing)
      lulls.push(describeLull(timeline, minutes.slice(i, j), usual));
    i = j;
  }
  lulls.sort((a, b) => b.messagesShort - a.messagesShort || a.offsetMs - b.offsetMs);
  return { stream: timeline.stream, usualPerMinute: usual, lulls: lulls.slice(0, 5) };
}

function describeLull(timeline: StreamTimeline, run: TimelineMinute[], usual: number): ChatLull {
  const first = run[0]!;
  const start = first.offsetMs;
  const end = start + run.length * 60_000;
  const startedAt = timeline.stream.startedAt;
  const messages = run.reduce((n, m) => n + m.messages, 0);
  // Minutes are indexed by their number from the stream's start.
  const before = timeline.minutes[first.minute - 1];
  const during = run.map((m) => m.viewers).filter((v): v is number => v !== null);
  return {
    offsetMs: start,
    minutes: run.length,
    messagesPerMinute: messages / run.length,
    chattersPerMinute: run.reduce((n, m) => n + m.chatters, 0) / run.length,
    messagesShort: Math.round(usual * run.length - messages),
    viewersBefore: before?.viewers ?? null,
    viewersDuring: during.length > 0 ? Math.min(...during) : null,
    events: timeline.events.filter(
      (e) => explainingKinds.has(e.kind) && e.offsetMs >= start - lookBackMs && e.offsetMs < end,
    ),
    said: timeline.transcript
      .filter((l) => l.ts - startedAt >= start - 60_000 && l.ts - startedAt < start + 2 * 60_000)
      .slice(0, 3)
      .map((l) => ({ offsetMs: l.ts - startedAt, text: l.text })),
  };
}
