// The public API of streamlens analytics: one question per function, each taking the Store first and
// returning plain JSON-serialisable results (see types.ts). `null` = the stream/chatter does not exist;
// `NoData` = it exists but the data a figure needs was never recorded.

export { compareStreams } from './compare-streams.ts';
export { findMainChannelId } from './find-main-channel.ts';
export { findStream } from './find-stream.ts';
export { generateStreamReport, type StreamReportOptions } from './generate-stream-report.ts';
export { type BestTimesOptions, getBestTimes } from './get-best-times.ts';
export { type CategoryComparisonOptions, getCategoryComparison } from './get-category-comparison.ts';
export { type CategoryCompetitionOptions, getCategoryCompetition } from './get-category-competition.ts';
export { getChannelRetention } from './get-channel-retention.ts';
export { getChatMinutes } from './get-chat-minutes.ts';
export { type ChatQuestionsOptions, getChatQuestions } from './get-chat-questions.ts';
export { getChatterProfile } from './get-chatter-profile.ts';
export { getEmoteUsage } from './get-emote-usage.ts';
export { getLatestStream } from './get-latest-stream.ts';
export { getRecommendations, type RecommendationsOptions } from './get-recommendations.ts';
export { getSavedStreamReport, type SavedStreamReport } from './get-saved-stream-report.ts';
export { getStreamCommunity, type StreamCommunityOptions } from './get-stream-community.ts';
export { getStreamHighlights, type HighlightsOptions } from './get-stream-highlights.ts';
export { getStreamSentiment } from './get-stream-sentiment.ts';
export { getStreamSummary, type StreamSummaryOptions } from './get-stream-summary.ts';
export { getStreamTimeline } from './get-stream-timeline.ts';
export { getTimelineWindow, type TimelineWindowOptions } from './get-timeline-window.ts';
export { getTitleKeywords } from './get-title-keywords.ts';
export { getViewerChanges, type ViewerChangesOptions } from './get-viewer-changes.ts';
export { getWeeklyTrends, type WeeklyTrendsOptions } from './get-weekly-trends.ts';
export { formatOffset, toVodUrl } from './lib/format.ts';
export { listChannels } from './list-channels.ts';
export { listStreams } from './list-streams.ts';
export { renderReportHtml } from './render-report-html.ts';
export { renderReportMarkdown } from './render-report-markdown.ts';
export { saveStreamReport } from './save-stream-report.ts';
export type * from './types.ts';
