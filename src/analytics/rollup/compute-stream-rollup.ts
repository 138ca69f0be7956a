// The sections of a stream's rollup, computed from its records in one pass over its chat: what the stream page
// and its report show that only the stream's own records (and the channel's emote sets) decide.

import type { Store } from '../../store/store.ts';
import { computeChatQuestions, type StreamQuestions } from '../chat/get-chat-questions.ts';
import { type EmoteUsage, getEmoteUsage } from '../chat/get-emote-usage.ts';
import { computeStreamHighlights, rolledUpHighlights, type StreamHighlights } from '../chat/get-stream-highlights.ts';
import { computeStreamSentiment, type StreamSentiment } from '../chat/get-stream-sentiment.ts';
import { shareStreamChat } from '../chat/load-chat.ts';
import { computeStreamCommunityBase, type StreamCommunityBase } from '../community/get-stream-community.ts';
import { getStreamEngagement, type StreamEngagement } from '../engagement/get-stream-engagement.ts';
import { getRaidEffects, type StreamRaidEffects } from '../events/get-raid-effects.ts';
import type { NoData } from '../results.ts';
import { getStreamTimeline } from '../timeline/get-stream-timeline.ts';
import { computeViewerChanges, type StreamViewerChanges } from '../timeline/get-viewer-changes.ts';

/** A stream's rollup by part (each kept with the fingerprint of the records it came from). */
export interface StreamRollup {
  /** The top `rolledUpHighlights` of the ranking. */
  highlights: StreamHighlights | NoData;
  community: StreamCommunityBase | NoData;
  questions: StreamQuestions | NoData;
  /** The report's other per-stream sections. */
  report: StreamReportSections;
}

export type StreamRollupPart = keyof StreamRollup;
export const streamRollupParts: readonly StreamRollupPart[] = ['highlights', 'community', 'questions', 'report'];

export interface StreamReportSections {
  viewerChanges: StreamViewerChanges | NoData;
  raids: StreamRaidEffects | NoData;
  emotes: EmoteUsage | NoData;
  sentiment: StreamSentiment | NoData;
  chart: { offsetMs: number; viewers: number | null; messages: number }[];
  chartEvents: { offsetMs: number; kind: string; label: string }[];
  engagement: StreamEngagement | NoData;
}

/** Events marked on the report's chart: the ones that move viewers (follows and subs would cover it). */
const chartEventKinds = new Set(['raid-in', 'raid-out', 'ad-break', 'hype-train', 'category-change', 'title-change']);

/** Computes every part of a stream's rollup from its records (live or not); null when the stream does not exist. */
export function computeStreamRollup(
  store: Store,
  streamId: string,
  options: { minConfidence?: number } = {},
): Promise<StreamRollup | null> {
  // The sections that read chat (highlights aside, which reads its own columns) share one load of it.
  return shareStreamChat(async () => {
    const q = { minConfidence: options.minConfidence };
    const [timeline, highlights, viewerChanges, community, questions, emotes, sentiment, engagement, raids] =
      await Promise.all([
        getStreamTimeline(store, streamId, q),
        computeStreamHighlights(store, streamId, { ...q, limit: rolledUpHighlights }),
        computeViewerChanges(store, streamId, q),
        computeStreamCommunityBase(store, streamId),
        computeChatQuestions(store, streamId, q),
        getEmoteUsage(store, streamId, { limit: 10 }),
        computeStreamSentiment(store, streamId),
        getStreamEngagement(store, streamId),
        getRaidEffects(store, streamId),
      ]);
    const parts = [timeline, highlights, viewerChanges, community, questions, emotes, sentiment, engagement, raids];
    // The stream disappeared while it was read.
    if (!timeline || !highlights || !viewerChanges || !community || !questions || !emotes || !sentiment) return null;
    if (!engagement || !raids || parts.includes(null)) return null;
    return {
      highlights,
      community,
      questions,
      report: {
        viewerChanges,
        raids,
        emotes,
        sentiment,
        chart: timeline.minutes.map((m) => ({ offsetMs: m.offsetMs, viewers: m.viewers, messages: m.messages })),
        chartEvents: timeline.events
          .filter((e) => chartEventKinds.has(e.kind))
          .map((e) => ({ offsetMs: e.offsetMs, kind: e.kind, label: e.label })),
        engagement,
      },
    };
  });
}
