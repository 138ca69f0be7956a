// The public door of streamlens analytics: one question per function, each taking the Store first and
// returning plain JSON-serialisable results, each result type declared beside its question (folders by
// concept). `null` = the stream/chatter does not exist; `NoData` = it exists but the data a figure needs was
// never recorded.

export { findChannelId } from './channel/find-channel-id.ts';
export { findMainChannelId } from './channel/find-main-channel.ts';
export { type ChannelListItem, listChannels } from './channel/list-channels.ts';
export { resolveChannelId } from './channel/resolve-channel-id.ts';
export { type ChatLull, type ChatLulls, getChatLulls } from './chat/get-chat-lulls.ts';
export {
  type ChatQuestion,
  type ChatQuestionsOptions,
  getChatQuestions,
  type StreamQuestions,
} from './chat/get-chat-questions.ts';
export { type ChatTopic, type ChatTopics, getChatTopics } from './chat/get-chat-topics.ts';
export { type EmoteUsage, getEmoteUsage } from './chat/get-emote-usage.ts';
export { getKeptEmoteSets, type KeptEmoteSet } from './chat/get-kept-emote-sets.ts';
export { getStoredChatLines, type StoredChatLine } from './chat/get-stored-chat-lines.ts';
export {
  type CountedToken,
  getStreamHighlights,
  type Highlight,
  type HighlightKind,
  type HighlightsOptions,
  type StreamHighlights,
} from './chat/get-stream-highlights.ts';
export { getStreamSentiment, type SentimentMinute, type StreamSentiment } from './chat/get-stream-sentiment.ts';
export { type ChannelRetention, getChannelRetention } from './community/get-channel-retention.ts';
export { getChatterIdsByLogin } from './community/get-chatter-ids.ts';
export { type ChatterProfile, getChatterProfile } from './community/get-chatter-profile.ts';
export { getLapsedRegulars, type LapsedRegular, type LapsedRegulars } from './community/get-lapsed-regulars.ts';
export {
  getModeration,
  type ModerationAction,
  type ModerationSummary,
  type TimedOutChatter,
} from './community/get-moderation.ts';
export {
  type FirstTimeChatter,
  getStreamCommunity,
  type StreamCommunity,
  type StreamCommunityOptions,
  type TopChatter,
} from './community/get-stream-community.ts';
export {
  type ChannelChatter,
  getTopChatters,
  type TopChatters,
  type TopChattersOptions,
} from './community/get-top-chatters.ts';
export {
  getTopSupporters,
  type SupportEvent,
  type Supporter,
  type TopSupporters,
} from './community/get-top-supporters.ts';
export {
  type ChannelChatterRow,
  iterateChannelChatters,
  iterateStreamChatters,
  type StreamChatterRow,
} from './community/iterate-chatters.ts';
export { type KnownName, listKnownNames } from './community/list-known-names.ts';
export {
  getStreamEngagement,
  type HypeTrainResult,
  type PollResult,
  type PredictionResult,
  type StreamEngagement,
} from './engagement/get-stream-engagement.ts';
export {
  getStreamPresence,
  type PresenceSamplePoint,
  type StreamPresence,
  type ViewerWatchTime,
} from './engagement/get-stream-presence.ts';
export {
  chatFamily,
  countSubs,
  eventSubFamily,
  type ReportedTwiceFamily,
  reportedTwice,
  reportedTwiceFamilies,
} from './events/event-families.ts';
export { type AdBreakEffect, getAdBreakEffects } from './events/get-ad-break-effects.ts';
export {
  getRaidEffects,
  type RaidEffect,
  type RaiderRule,
  type RetainedReading,
  raiderRules,
  type StreamRaidEffects,
} from './events/get-raid-effects.ts';
export {
  getStreamChangeEffects,
  type StreamChangeEffect,
  type StreamChangeEffects,
} from './events/get-stream-change-effects.ts';
export {
  loadStreamEvents,
  type StreamRange,
  type TimelineEvent,
  type TimelineEventKind,
} from './events/load-events.ts';
export {
  compareStreamLengths,
  type LengthHalf,
  type StreamLengthComparison,
} from './history/compare-stream-lengths.ts';
export { type BestTimes, type BestTimesOptions, getBestTimes, type HourOfWeekCell } from './history/get-best-times.ts';
export {
  type CategoryComparison,
  type CategoryComparisonOptions,
  type CategoryPerformance,
  getCategoryComparison,
} from './history/get-category-comparison.ts';
export {
  type CategoryCompetition,
  type CategoryCompetitionOptions,
  type CompetitionCell,
  getCategoryCompetition,
} from './history/get-category-competition.ts';
export {
  getPeriodStreamFigures,
  getPeriodTotals,
  type PeriodTotalKey,
  type PeriodTotals,
  type StreamFigures,
} from './history/get-period-totals.ts';
export {
  getStreamingSchedule,
  type ScheduleSlot,
  type StreamingSchedule,
  weekdayNames,
} from './history/get-streaming-schedule.ts';
export { getTitleKeywords, type TitleKeyword, type TitleKeywords } from './history/get-title-keywords.ts';
export {
  getWeeklyTrends,
  type WeeklyTrends,
  type WeeklyTrendsOptions,
  type WeekTrend,
} from './history/get-weekly-trends.ts';
export { keepHistoryRollups } from './history/load-channel-history.ts';
export { formatOffset, toVodUrl } from './lib/format.ts';
export {
  formatZonedDateTime,
  isTimeZone,
  machineTimeZone,
  utcOffsetLabel,
  zoneName,
  zoneOffsetMinutes,
} from './lib/time-zone.ts';
export {
  getLiveStreams,
  type LiveChatLine,
  type LiveStream,
  type LiveStreamsOptions,
} from './live/get-live-streams.ts';
export { getLastRecordedAt } from './recording/get-last-recorded-at.ts';
export { getRecordCounts, type RecordTable, recordTables } from './recording/get-record-counts.ts';
export { getRecordedActivity, type RecordedActivity } from './recording/get-recorded-activity.ts';
export { describeChange, describeViewerChange } from './report/describe-figure.ts';
export { describeHypeTrain } from './report/engagement-lines.ts';
export { generateStreamReport, type StreamReport, type StreamReportOptions } from './report/generate-stream-report.ts';
export {
  getRecommendations,
  type Recommendation,
  type Recommendations,
  type RecommendationsOptions,
} from './report/get-recommendations.ts';
export { renderReportHtml } from './report/render-report-html.ts';
export { renderReportMarkdown } from './report/render-report-markdown.ts';
export { saveStreamReport } from './report/save-stream-report.ts';
export type { AnalyticsOptions, Evidence, Metric, NoData } from './results.ts';
export { findStaleStreamRollups, listFinishedStreamIds, refreshStreamRollups } from './rollup/get-stream-rollup.ts';
export { type ChatMatch, getChatMatches } from './search/get-chat-matches.ts';
export { getTranscriptMatches, type TranscriptMatch } from './search/get-transcript-matches.ts';
export { findStream } from './stream/find-stream.ts';
export { getLatestStream } from './stream/get-latest-stream.ts';
export { type IterateStreamsOptions, iterateStreams } from './stream/iterate-streams.ts';
export { type ListStreamsOptions, listStreams, type StreamListItem } from './stream/list-streams.ts';
export type { StreamInfo } from './stream/load-stream.ts';
export { compareStreams, type StreamComparison } from './summary/compare-streams.ts';
export {
  type FigureComparison,
  getStreamSummary,
  type StreamSummary,
  type StreamSummaryOptions,
} from './summary/get-stream-summary.ts';
export type { SummaryFigureKey } from './summary/stream-figures.ts';
export { type ChatMinute, getChatMinutes } from './timeline/get-chat-minutes.ts';
export { getStreamTimeline, type StreamTimeline, type TimelineMinute } from './timeline/get-stream-timeline.ts';
export { getTimelineWindow, type TimelineWindow, type TimelineWindowOptions } from './timeline/get-timeline-window.ts';
export {
  getTranscriptTopics,
  type TranscriptTopic,
  type TranscriptTopics,
} from './timeline/get-transcript-topics.ts';
export {
  arrivalCheckpointsMinutes,
  getViewerArrival,
  type StreamArrival,
  type ViewerArrival,
} from './timeline/get-viewer-arrival.ts';
export {
  getViewerChanges,
  type StreamViewerChanges,
  type ViewerChange,
  type ViewerChangeCause,
  type ViewerChangeCauseKind,
  type ViewerChangesOptions,
} from './timeline/get-viewer-changes.ts';
export { hasTranscript } from './timeline/has-transcript.ts';
export type { TranscriptLine } from './timeline/load-transcript.ts';
