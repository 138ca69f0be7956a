// The post-stream report: every per-stream question gathered into one structured object. A section whose
// data is missing is `NoData` with its reason; nothing is filled in.

import { StreamlensError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { getCategoryComparison } from './get-category-comparison.ts';
import { getChatQuestions } from './get-chat-questions.ts';
import { getEmoteUsage } from './get-emote-usage.ts';
import { getRecommendations } from './get-recommendations.ts';
import { getStreamCommunity } from './get-stream-community.ts';
import { getStreamHighlights } from './get-stream-highlights.ts';
import { getStreamSentiment } from './get-stream-sentiment.ts';
import { getStreamSummary } from './get-stream-summary.ts';
import { getStreamTimeline } from './get-stream-timeline.ts';
import { getViewerChanges } from './get-viewer-changes.ts';
import type { NoData, StreamReport } from './types.ts';

export interface StreamReportOptions {
  minConfidence?: number;
  tzOffsetMinutes?: number;
  /** Injectable clock for `generatedAt`. */
  now?: () => number;
}

/** Builds the report of a stream; throws NOT_FOUND when the stream does not exist. */
export async function generateStreamReport(
  store: Store,
  streamId: string,
  options: StreamReportOptions = {},
): Promise<StreamReport> {
  const summary = await getStreamSummary(store, streamId);
  if (!summary)
    throw new StreamlensError(
      'NOT_FOUND',
      `no stream "${streamId}"`,
      'run `streamlens report --list` to see the recorded streams',
    );
  const q = { minConfidence: options.minConfidence };
  const channelId = summary.stream.channelId;
  const [timeline, highlights, viewerChanges, community, questions, categories, emotes, sentiment, recs] =
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
  };
}

/** Narrows a report section to its result. */
export function hasData<T extends object>(section: T | NoData): section is T {
  return !('status' in section && (section as NoData).status === 'no-data');
}
