// The post-stream report: every per-stream question gathered into one structured object. A section whose
// data is missing is `NoData` with its reason; nothing is filled in.

import type { EpochMs } from '../../domain.ts';
import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { getChatQuestions, type StreamQuestions } from '../chat/get-chat-questions.ts';
import { type EmoteUsage, getEmoteUsage } from '../chat/get-emote-usage.ts';
import { getStreamHighlights, type StreamHighlights } from '../chat/get-stream-highlights.ts';
import { getStreamSentiment, type StreamSentiment } from '../chat/get-stream-sentiment.ts';
import { shareStreamChat } from '../chat/load-chat.ts';
import { getStreamCommunity, type StreamCommunity } from '../community/get-stream-community.ts';
import { getStreamEngagement, type StreamEngagement } from '../engagement/get-stream-engagement.ts';
import { type CategoryComparison, getCategoryComparison } from '../history/get-category-comparison.ts';
import type { NoData } from '../results.ts';
import type { StreamInfo } from '../stream/load-stream.ts';
import { getStreamSummary, type StreamSummary } from '../summary/get-stream-summary.ts';
import { getStreamTimeline } from '../timeline/get-stream-timeline.ts';
import { getViewerChanges, type StreamViewerChanges } from '../timeline/get-viewer-changes.ts';
import { getRecommendations, type Recommendation } from './get-recommendations.ts';

export interface StreamReportOptions {
  minConfidence?: number;
  tzOffsetMinutes?: number;
  /** Injectable clock for `generatedAt`. */
  now?: () => number;
}

/** Builds the report of a stream; throws NOT_FOUND when the stream does not exist. */
export function generateStreamReport(
  store: Store,
  streamId: string,
  options: StreamReportOptions = {},
): Promise<StreamReport> {
  // The sections that read chat (community, questions, emotes, sentiment) share one load of it.
  return shareStreamChat(() => buildStreamReport(store, streamId, options));
}

async function buildStreamReport(store: Store, streamId: string, options: StreamReportOptions): Promise<StreamReport> {
  const summary = await getStreamSummary(store, streamId);
  if (!summary)
    throw new StreamlensError(
      'NOT_FOUND',
      `no stream "${streamId}"`,
      'run `streamlens report --list` to see the recorded streams',
    );
  const q = { minConfidence: options.minConfidence };
  const channelId = summary.stream.channelId;
  const [timeline, highlights, viewerChanges, community, questions, categories, emotes, sentiment, recs, engagement] =
    await Promise.all([
      getStreamTimeline(store, streamId, q),
      getStreamHighlights(store, streamId, { ...q, limit: 5 }),
      getViewerChanges(store, streamId, q),
      getStreamCommunity(store, streamId),
      getChatQuestions(store, streamId, q),
      getCategoryComparison(store, channelId),
      getEmoteUsage(store, streamId, { limit: 10 }),
      getStreamSentiment(store, streamId),
      getRecommendations(store, channelId, { streamId, tzOffsetMinutes: options.tzOffsetMinutes }),
      getStreamEngagement(store, streamId),
    ]);
  const gone: NoData = { status: 'no-data', reason: 'the stream disappeared while the report was built' };
  return {
    version: 1,
    generatedAt: (options.now ?? Date.now)(),
    stream: summary.stream,
    summary,
    highlights: highlights ?? gone,
    viewerChanges: viewerChanges ?? gone,
    community: community ?? gone,
    questions: questions ?? gone,
    categories,
    emotes: emotes ?? gone,
    sentiment: sentiment ?? gone,
    chart: (timeline?.minutes ?? []).map((m) => ({ offsetMs: m.offsetMs, viewers: m.viewers, messages: m.messages })),
    recommendations: recs.recommendations,
    engagement: engagement ?? gone,
  };
}

/** Narrows a report section to its result. */
export function hasData<T extends object>(section: T | NoData): section is T {
  return !('status' in section && (section as NoData).status === 'no-data');
}

/** Each section is its result or `NoData` with the reason, never a made-up value. */
export interface StreamReport {
  version: 1;
  generatedAt: EpochMs;
  stream: StreamInfo;
  summary: StreamSummary;
  highlights: StreamHighlights | NoData;
  viewerChanges: StreamViewerChanges | NoData;
  community: StreamCommunity | NoData;
  questions: StreamQuestions | NoData;
  categories: CategoryComparison | NoData;
  emotes: EmoteUsage | NoData;
  sentiment: StreamSentiment | NoData;
  /** Minute series for charts: offset, viewers, chat messages. */
  chart: { offsetMs: number; viewers: number | null; messages: number }[];
  recommendations: Recommendation[];
  /** Clips, channel points, polls, predictions, shoutouts, lurkers (absent from reports saved before it existed). */
  engagement?: StreamEngagement | NoData;
}
