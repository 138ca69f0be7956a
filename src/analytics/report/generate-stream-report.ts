// The post-stream report: every per-stream question gathered into one structured object. A section whose
// data is missing is `NoData` with its reason; nothing is filled in.

import type { EpochMs } from '../../domain.ts';
import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { StreamQuestions } from '../chat/get-chat-questions.ts';
import type { EmoteUsage } from '../chat/get-emote-usage.ts';
import type { StreamHighlights } from '../chat/get-stream-highlights.ts';
import type { StreamSentiment } from '../chat/get-stream-sentiment.ts';
import { completeStreamCommunity, type StreamCommunity } from '../community/get-stream-community.ts';
import type { StreamEngagement } from '../engagement/get-stream-engagement.ts';
import type { StreamRaidEffects } from '../events/get-raid-effects.ts';
import { type CategoryComparison, getCategoryComparison } from '../history/get-category-comparison.ts';
import type { NoData } from '../results.ts';
import { computeStreamRollup } from '../rollup/compute-stream-rollup.ts';
import { getStreamRollup } from '../rollup/get-stream-rollup.ts';
import type { StreamInfo } from '../stream/load-stream.ts';
import { getStreamSummary, type StreamSummary } from '../summary/get-stream-summary.ts';
import type { StreamViewerChanges } from '../timeline/get-viewer-changes.ts';
import { getRecommendations, type Recommendation } from './get-recommendations.ts';

export interface StreamReportOptions {
  minConfidence?: number;
  tzOffsetMinutes?: number;
  /** The zone's name for times of day in the advice (see getRecommendations). */
  zoneLabel?: string;
  /** Injectable clock for `generatedAt`. */
  now?: () => number;
}

/**
 * Builds the report of a stream; throws NOT_FOUND when the stream does not exist. A finished stream's sections
 * come from its rollup (built and kept first when missing or stale); what depends on the rest of the channel's
 * history (the comparison with earlier streams, categories, advice, who came back) is read now.
 */
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
  const [rolled, categories] = await Promise.all([
    getStreamRollup(store, streamId, q).then((kept) => kept ?? computeStreamRollup(store, streamId, q)),
    getCategoryComparison(store, channelId),
  ]);
  const gone: NoData = { status: 'no-data', reason: 'the stream disappeared while the report was built' };
  if (!rolled) throw new StreamlensError('NOT_FOUND', `no stream "${streamId}"`, gone.reason);
  const community =
    'status' in rolled.community ? rolled.community : await completeStreamCommunity(store, rolled.community);
  // The advice reads the same categories, community and questions: handed over, not read and built again.
  const recs = await getRecommendations(store, channelId, {
    streamId,
    tzOffsetMinutes: options.tzOffsetMinutes,
    zoneLabel: options.zoneLabel,
    known: { categories, community, questions: rolled.questions },
  });
  const highlights = rolled.highlights;
  return {
    version: 1,
    generatedAt: (options.now ?? Date.now)(),
    stream: summary.stream,
    summary,
    highlights:
      'highlights' in highlights ? { ...highlights, highlights: highlights.highlights.slice(0, 5) } : highlights,
    viewerChanges: rolled.report.viewerChanges,
    raids: rolled.report.raids,
    community,
    questions: rolled.questions,
    categories,
    emotes: rolled.report.emotes,
    sentiment: rolled.report.sentiment,
    chart: rolled.report.chart,
    chartEvents: rolled.report.chartEvents,
    recommendations: recs.recommendations,
    engagement: rolled.report.engagement,
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
  /** Incoming raids and their effect (reports saved before it existed lack it). */
  raids?: StreamRaidEffects | NoData;
  community: StreamCommunity | NoData;
  questions: StreamQuestions | NoData;
  categories: CategoryComparison | NoData;
  emotes: EmoteUsage | NoData;
  sentiment: StreamSentiment | NoData;
  /** Minute series for charts: offset, viewers, chat messages. */
  chart: { offsetMs: number; viewers: number | null; messages: number }[];
  /** Raids, ad breaks, hype trains and changes to mark on the chart (absent in reports saved before). */
  chartEvents?: { offsetMs: number; kind: string; label: string }[];
  recommendations: Recommendation[];
  /** Clips, channel points, polls, predictions, shoutouts, lurkers (absent from reports saved before it existed). */
  engagement?: StreamEngagement | NoData;
}
