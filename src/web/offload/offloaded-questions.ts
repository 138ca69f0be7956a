// The analytics questions heavy enough to answer off the serving thread: each reads a stream's whole chat, a
// channel's whole history or the full-text index. Their arguments and results are plain data, so they cross to a
// worker and back.

import {
  findStaleStreamRollups,
  generateStreamReport,
  getBestTimes,
  getCategoryComparison,
  getChannelRetention,
  getChatMatches,
  getChatQuestions,
  getRecommendations,
  getStreamCommunity,
  getStreamHighlights,
  getTranscriptMatches,
  getWeeklyTrends,
  keepHistoryRollups,
  refreshStreamRollups,
} from '../../analytics/index.ts';

export const offloadedQuestions = {
  findStaleStreamRollups,
  generateStreamReport,
  getBestTimes,
  getCategoryComparison,
  getChannelRetention,
  getChatMatches,
  getChatQuestions,
  getRecommendations,
  getStreamCommunity,
  getStreamHighlights,
  getTranscriptMatches,
  getWeeklyTrends,
  keepHistoryRollups,
  refreshStreamRollups,
};

export type OffloadedQuestions = typeof offloadedQuestions;
export type OffloadedName = keyof OffloadedQuestions;

/** A question's arguments after the store. */
export type QuestionArgs<K extends OffloadedName> =
  Parameters<OffloadedQuestions[K]> extends [unknown, ...infer Rest] ? Rest : never;
export type QuestionResult<K extends OffloadedName> = Awaited<ReturnType<OffloadedQuestions[K]>>;

/** A question asked of a worker, and its answer (an error keeps its code and hint). */
export type QuestionRequest = { id: number; name: OffloadedName; args: unknown[] };
export type QuestionReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code?: string; hint?: string; aborted?: boolean } };
