// What each title or category change of a stream did: the viewers and the chat per minute in the 10 minutes
// before it against the 10 minutes after it (from the stream's timeline: polls carried forward, chat per minute),
// so "did my title change help?" or "did switching to Elden Ring lose viewers?" is answered with numbers.

import type { Store } from '../../store/store.ts';
import { mean } from '../lib/stats.ts';
import type { StreamInfo } from '../stream/load-stream.ts';
import { getStreamTimeline, type TimelineMinute } from '../timeline/get-stream-timeline.ts';

export interface StreamChangeEffect {
  kind: 'title-change' | 'category-change';
  offsetMs: number;
  label: string;
  /** Average viewers over the minutes before / after with a count; null without one. */
  viewersBefore: number | null;
  viewersAfter: number | null;
  /** The viewers' own trend before it: last count of the minutes before minus the first (null without two). */
  viewersTrendBefore: number | null;
  chatPerMinuteBefore: number;
  chatPerMinuteAfter: number;
  /** Minutes on each side actually compared (fewer near the stream's start or end, or before the next change). */
  minutesBefore: number;
  minutesAfter: number;
}

export interface StreamChangeEffects {
  stream: StreamInfo;
  changes: StreamChangeEffect[];
}

const windowMinutes = 10;

/** The title and category changes of a stream with the viewers and chat around each; null without the stream. */
export async function getStreamChangeEffects(store: Store, streamId: string): Promise<StreamChangeEffects | null> {
  const timeline = await getStreamTimeline(store, streamId);
  if (!timeline) return null;
  const changes = timeline.events.filter(
    (e): e is typeof e & { kind: StreamChangeEffect['kind'] } =>
      e.kind === 'title-change' || e.kind === 'category-change',
  );
  const minuteOf = (offsetMs: number) => Math.floor(offsetMs / 60_000);
  return {
    stream: timeline.stream,
    changes: changes.map((c, i) => {
      const at = minuteOf(c.offsetMs);
      // The window after ends at the next change, so one change's effect is not another's.
      const next = changes.slice(i + 1).find((n) => minuteOf(n.offsetMs) > at);
      const end = Math.min(at + 1 + windowMinutes, next ? minuteOf(next.offsetMs) : Number.POSITIVE_INFINITY);
      const before = timeline.minutes.slice(Math.max(0, at - windowMinutes), at);
      const after = timeline.minutes.slice(at + 1, end);
      return {
        kind: c.kind,
        offsetMs: c.offsetMs,
        label: c.label,
        viewersBefore: averageViewers(before),
        viewersAfter: averageViewers(after),
        viewersTrendBefore: trend(before),
        chatPerMinuteBefore: perMinute(before),
        chatPerMinuteAfter: perMinute(after),
        minutesBefore: before.length,
        minutesAfter: after.length,
      };
    }),
  };
}

const averageViewers = (minutes: TimelineMinute[]) =>
  mean(minutes.map((m) => m.viewers).filter((v): v is number => v !== null));

function trend(minutes: TimelineMinute[]): number | null {
  const counts = minutes.map((m) => m.viewers).filter((v): v is number => v !== null);
  return counts.length < 2 ? null : counts[counts.length - 1]! - counts[0]!;
}

const perMinute = (minutes: TimelineMinute[]) => mean(minutes.map((m) => m.messages)) ?? 0;
