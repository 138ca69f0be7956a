// Concrete, ranked suggestions, each citing the numbers behind it; a suggestion is only made when the
// numbers exist and the difference is large enough to act on.

import type { Store } from '../../store/store.ts';
import { getChatQuestions, type StreamQuestions } from '../chat/get-chat-questions.ts';
import { getStreamCommunity, type StreamCommunity } from '../community/get-stream-community.ts';
import { getBestTimes } from '../history/get-best-times.ts';
import { type CategoryComparison, getCategoryComparison } from '../history/get-category-comparison.ts';
import { answerFromChannelHistory } from '../history/load-channel-history.ts';
import { mean, round } from '../lib/stats.ts';
import { utcOffsetLabel } from '../lib/time-zone.ts';
import type { Evidence, NoData } from '../results.ts';
import { getLatestStream } from '../stream/get-latest-stream.ts';

export interface RecommendationsOptions {
  /** The stream the community/ad-break advice is about (default: the latest). */
  streamId?: string;
  tzOffsetMinutes?: number;
  /** The zone's name for the schedule advice (`CET`); default the offset (`UTC`, `UTC+1`). */
  zoneLabel?: string;
  /**
   * What the caller has already read for this channel and stream (the report: its categories, and the stream's
   * community and questions from its rollup), used instead of reading and building them again.
   */
  known?: {
    categories?: CategoryComparison | NoData;
    community?: StreamCommunity | NoData | null;
    questions?: StreamQuestions | NoData | null;
  };
}

type Draft = Omit<Recommendation, 'rank'> & { weight: number };

/** Ranked recommendations for a channel from its own history. */
export async function getRecommendations(
  store: Store,
  channelId: string,
  options: RecommendationsOptions = {},
): Promise<Recommendations> {
  const drafts: Draft[] = [];
  const streamId = options.streamId ?? (await getLatestStream(store, channelId))?.id;
  const known = options.known ?? {};
  const categories = known.categories ?? (await getCategoryComparison(store, channelId));
  if (!('status' in categories)) {
    const ranked = categories.best;
    const [best, next] = [ranked[0], ranked[1]];
    if (best && next && best.avgViewers! >= 1.2 * next.avgViewers!) {
      const lift = best.avgViewers! / next.avgViewers!;
      drafts.push({
        kind: 'category',
        text: `Stream ${best.gameName} more: ${best.avgViewers} avg viewers vs ${next.avgViewers} in ${next.gameName} over ${best.streams} vs ${next.streams} streams.`,
        confidence: Math.min(1, (Math.min(best.streams, next.streams) / 5) * Math.min(1, lift - 1)),
        weight: lift,
        evidence: {
          source: 'getCategoryComparison',
          streamIds: [...best.streamIds, ...next.streamIds],
          counts: { streams: best.streams + next.streams },
        },
      });
    }
  }
  const times = await getBestTimes(store, channelId, { tzOffsetMinutes: options.tzOffsetMinutes ?? 0 });
  if (!('status' in times) && times.best.length > 0) {
    const top = times.best[0]!;
    const overall = mean(times.cells.filter((c) => c.avgViewers !== null).map((c) => c.avgViewers!)) ?? 0;
    if (overall > 0 && top.avgViewers! >= 1.15 * overall)
      drafts.push({
        kind: 'schedule',
        text: `Your ${top.label} ${options.zoneLabel ?? utcOffsetLabel(options.tzOffsetMinutes ?? 0)} slot averages ${top.avgViewers} viewers vs ${round(overall, 1)} across all your slots (${top.streams} streams, ${top.hours} h): keep it in the schedule.`,
        confidence: top.confidence,
        weight: top.avgViewers! / overall,
        evidence: { source: 'getBestTimes', counts: { streams: top.streams } },
      });
  }
  drafts.push(...(await adBreakAdvice(store, channelId)));
  if (streamId) {
    const community = known.community !== undefined ? known.community : await getStreamCommunity(store, streamId);
    if (community && !('status' in community) && community.unrepliedFirstTimers.length > 0) {
      const n = community.unrepliedFirstTimers.length;
      drafts.push({
        kind: 'community',
        text: `${n} of ${community.firstTimers.length} first-time chatters got no reply last stream (${community.unrepliedFirstTimers.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}): greet newcomers by name within a few minutes.`,
        confidence: Math.min(1, n / 5 + 0.3),
        weight: 1 + n / Math.max(1, community.firstTimers.length),
        evidence: {
          source: 'getStreamCommunity',
          streamIds: [streamId],
          counts: { firstTimers: community.firstTimers.length, unreplied: n },
        },
      });
    }
    const questions = known.questions !== undefined ? known.questions : await getChatQuestions(store, streamId);
    if (questions && !('status' in questions) && questions.unanswered > 0) {
      drafts.push({
        kind: 'questions',
        text: `${questions.unanswered} of ${questions.questions.length} questions in chat went unanswered last stream, e.g. "${questions.questions[0]!.text}" (${questions.questions[0]!.userLogin}).`,
        confidence: Math.min(1, questions.unanswered / 4 + 0.2),
        weight: 1 + questions.unanswered / Math.max(1, questions.questions.length),
        evidence: {
          source: 'getChatQuestions',
          streamIds: [streamId],
          counts: { questions: questions.questions.length, unanswered: questions.unanswered },
        },
      });
    }
  }
  drafts.sort((a, b) => b.weight * (0.5 + b.confidence) - a.weight * (0.5 + a.confidence));
  return { channelId, recommendations: drafts.map(({ weight: _w, ...d }, i) => ({ ...d, rank: i + 1 })) };
}

/** Streams whose ad breaks the advice looks at: the channel's most recent. */
const adBreakStreams = 30;

/** Viewers 5 min after each ad break vs just before, over the channel's recent streams; advice when long ads hurt. */
function adBreakAdvice(store: Store, channelId: string): Promise<Draft[]> {
  // The most recent of the history best times and categories read, kept with them.
  return answerFromChannelHistory(store, channelId, 'ad-break-advice', {}, (all) => {
    const history = all.slice(-adBreakStreams);
    const long: { drop: number; streamId: string }[] = [];
    // Each stream's long ad breaks come with the polls around them (load-history-streams.ts).
    for (const h of history)
      for (const ad of h.longAdBreaks)
        if (ad.viewersBefore !== null && ad.viewersAfter !== null && ad.viewersBefore > 0)
          long.push({ drop: (ad.viewersBefore - ad.viewersAfter) / ad.viewersBefore, streamId: h.row.id });
    return adviseOnAdBreaks(long);
  });
}

/** The advice from the long ad breaks' drops, when any hurt. */
function adviseOnAdBreaks(long: readonly { drop: number; streamId: string }[]): Draft[] {
  const hurt = long.filter((l) => l.drop >= 0.1);
  if (long.length === 0 || hurt.length === 0) return [];
  const avgDrop = round((mean(hurt.map((l) => l.drop)) ?? 0) * 100, 0);
  return [
    {
      kind: 'ad-breaks',
      text: `Viewers dropped ${avgDrop}% after ${hurt.length} of ${long.length} ad breaks longer than 90 s: run shorter, more frequent breaks or announce them.`,
      confidence: Math.min(1, hurt.length / 4 + 0.2),
      weight: 1 + avgDrop / 50,
      evidence: {
        source: 'channel_events+stream_snapshots',
        streamIds: [...new Set(long.map((l) => l.streamId))],
        counts: { adBreaks: long.length, followedByDrop: hurt.length },
      },
    },
  ];
}

export interface Recommendation {
  /** 1 = do this first. */
  rank: number;
  kind: 'category' | 'schedule' | 'ad-breaks' | 'community' | 'questions' | 'title' | 'engagement';
  text: string;
  /** 0..1: how much the numbers support it (sample sizes, size of the difference). */
  confidence: number;
  evidence: Evidence;
}

export interface Recommendations {
  channelId: string;
  recommendations: Recommendation[];
}
