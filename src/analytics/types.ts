// Result shapes of every analytics question: plain JSON-serialisable objects (the web API and the agent send
// them as-is). Timestamps are epoch ms, offsets are ms from the stream's start, every figure names its unit,
// and every claim carries the evidence it rests on.

import type { EpochMs } from '../domain.ts';

/** Returned instead of a figure or a list when the data needed for it was never recorded. */
export interface NoData {
  status: 'no-data';
  reason: string;
}

/** What a claim rests on: which streams, which time range, how many records of which kind. */
export interface Evidence {
  /** The table(s) the figure comes from, e.g. `stream_snapshots`. */
  source: string;
  streamIds?: string[];
  fromTs?: EpochMs;
  toTs?: EpochMs;
  /** Record counts behind the figure, by kind: `{ messages: 412, snapshots: 180 }`. */
  counts?: Record<string, number>;
  /** One sentence a person can check. */
  note?: string;
}

/** A number with its unit; null when the data for it is missing (then `missing` says why). */
export interface Metric {
  value: number | null;
  unit: string;
  missing?: string;
}

/** The stream fields every result repeats so it can be read on its own. */
export interface StreamInfo {
  id: string;
  channelId: string;
  channelLogin: string | null;
  title: string;
  gameName: string | null;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  /** Ended streams: ended − started; live ones: last record seen − started. */
  durationMs: number;
  live: boolean;
  vodId: string | null;
}

// ── summary ───────────────────────────────────────────────────────────────────────────────────────────

export type SummaryFigureKey =
  | 'durationMinutes'
  | 'avgViewers'
  | 'medianViewers'
  | 'peakViewers'
  | 'hoursWatched'
  | 'follows'
  | 'subsNew'
  | 'subsResub'
  | 'subsGifted'
  | 'bits'
  | 'raidsReceived'
  | 'raidsSent'
  | 'chatMessages'
  | 'uniqueChatters'
  | 'messagesPerMinute'
  | 'chattersPer100Viewers';

/** One figure of a stream against the same figure of the channel's previous streams. */
export interface FigureComparison {
  key: SummaryFigureKey;
  unit: string;
  value: number | null;
  /** How many previous streams had this figure. */
  previousStreams: number;
  previousMedian: number | null;
  /** value − previousMedian. */
  delta: number | null;
  /** (value − previousMedian) / previousMedian × 100. */
  deltaPct: number | null;
  /** Share of previous streams this one beat, 0–100 (ties count half). */
  percentile: number | null;
}

export interface StreamSummary {
  stream: StreamInfo;
  figures: Record<SummaryFigureKey, Metric>;
  /** Where subs/follows/bits/raids were counted from (EventSub preferred, IRC otherwise). */
  eventSource: 'channel_events' | 'chat_events' | 'none';
  /** Against up to `previousLimit` earlier streams of the channel. */
  comparison: { previousStreamIds: string[]; figures: FigureComparison[] };
  evidence: Evidence[];
}

// ── timeline ──────────────────────────────────────────────────────────────────────────────────────────

export type TimelineEventKind =
  | 'follow'
  | 'sub'
  | 'resub'
  | 'gift'
  | 'cheer'
  | 'raid-in'
  | 'raid-out'
  | 'ad-break'
  | 'hype-train'
  | 'title-change'
  | 'category-change';

export interface TimelineEvent {
  kind: TimelineEventKind;
  ts: EpochMs;
  offsetMs: number;
  userLogin: string | null;
  /** Bits, gifted subs, raid viewers, ad seconds… (see `unit`). */
  amount: number | null;
  unit: string | null;
  /** Human text: "raid from foo with 42 viewers", "category → Chess". */
  label: string;
  source: 'channel_events' | 'chat_events';
}

export interface ChatMinute {
  /** Minute index since the stream start (0-based). */
  minute: number;
  ts: EpochMs;
  messages: number;
  chatters: number;
  emotes: number;
  bits: number;
}

export interface TimelineMinute extends ChatMinute {
  offsetMs: number;
  /** Latest snapshot at or before this minute (carried forward); null before the first. */
  viewers: number | null;
  /** Count of events of each kind in this minute. */
  events: Partial<Record<TimelineEventKind, number>>;
  /** Transcript lines starting in this minute. */
  transcriptLines: number;
}

export interface TranscriptLine {
  ts: EpochMs;
  offsetMs: number;
  endTs: EpochMs;
  text: string;
  confidence: number;
}

export interface StreamTimeline {
  stream: StreamInfo;
  bucketMs: 60000;
  minutes: TimelineMinute[];
  events: TimelineEvent[];
  /** Only quotable lines (confidence ≥ the minimum). */
  transcript: TranscriptLine[];
  evidence: Evidence[];
}

// ── highlights ────────────────────────────────────────────────────────────────────────────────────────

export type HighlightKind = 'chat-spike' | 'emote-burst' | 'laughter' | 'hype';

export interface CountedToken {
  token: string;
  count: number;
}

export interface Highlight {
  rank: number;
  kinds: HighlightKind[];
  startTs: EpochMs;
  endTs: EpochMs;
  offsetMs: number;
  /** `1:02:03` from stream start. */
  offsetLabel: string;
  messages: number;
  chatters: number;
  /** Expected messages in the same window from the adaptive baseline. */
  baseline: number;
  /** messages ÷ baseline. */
  ratio: number;
  /** −log10 of the Poisson tail probability of seeing this many messages given the baseline. */
  significance: number;
  topEmotes: CountedToken[];
  topWords: CountedToken[];
  sampleMessages: { ts: EpochMs; userLogin: string; text: string }[];
  transcript: TranscriptLine[];
  vodUrl: string | null;
  evidence: Evidence;
}

export interface StreamHighlights {
  stream: StreamInfo;
  windowMs: number;
  highlights: Highlight[];
  evidence: Evidence;
}

// ── viewer changes ────────────────────────────────────────────────────────────────────────────────────

export type ViewerChangeCauseKind =
  | 'category-change'
  | 'title-change'
  | 'ad-break'
  | 'raid-in'
  | 'raid-out'
  | 'quiet-chat'
  | 'hype-moment'
  | 'transcript';

export interface ViewerChangeCause {
  kind: ViewerChangeCauseKind;
  ts: EpochMs;
  offsetMs: number;
  description: string;
}

export interface ViewerChange {
  direction: 'rise' | 'drop';
  fromTs: EpochMs;
  toTs: EpochMs;
  offsetMs: number;
  offsetLabel: string;
  before: number;
  after: number;
  /** after − before, viewers. */
  change: number;
  /** Percent of `before`. */
  changePct: number;
  /** What happened in the minutes before, most likely first; empty when nothing recorded explains it. */
  causes: ViewerChangeCause[];
  vodUrl: string | null;
  evidence: Evidence;
}

export interface StreamViewerChanges {
  stream: StreamInfo;
  changes: ViewerChange[];
  evidence: Evidence;
}

// ── community ─────────────────────────────────────────────────────────────────────────────────────────

export interface FirstTimeChatter {
  userLogin: string;
  firstTs: EpochMs;
  offsetMs: number;
  messages: number;
  /** Streams of this channel after this one where they chatted again. */
  laterStreams: number;
  /** A broadcaster/mod replied to or mentioned them within `replyWindowMs`. */
  gotReply: boolean;
}

export interface TopChatter {
  userLogin: string;
  messages: number;
  /** Streams of the channel they have chatted in so far. */
  streamsAttended: number;
}

export interface StreamCommunity {
  stream: StreamInfo;
  chatters: number;
  newChatters: number;
  returningChatters: number;
  firstTimers: FirstTimeChatter[];
  /** First-timers of this stream who chatted again in a later stream. */
  firstTimersReturned: number;
  unrepliedFirstTimers: string[];
  topChatters: TopChatter[];
  replyWindowMs: number;
  evidence: Evidence;
}

export interface ChatQuestion {
  ts: EpochMs;
  offsetMs: number;
  userLogin: string;
  text: string;
  answered: boolean;
  answeredBy: 'reply' | 'mention' | 'transcript' | null;
  answerTs: EpochMs | null;
  answerText: string | null;
}

export interface StreamQuestions {
  stream: StreamInfo;
  /** Unanswered first, then by time. */
  questions: ChatQuestion[];
  answered: number;
  unanswered: number;
  answerWindowMs: number;
  evidence: Evidence;
}

export interface ChannelRetention {
  channelId: string;
  /** Per stream, oldest first. */
  streams: {
    streamId: string;
    startedAt: EpochMs;
    chatters: number;
    newChatters: number;
    returningChatters: number;
    newChattersReturned: number;
  }[];
  evidence: Evidence;
}

// ── content ───────────────────────────────────────────────────────────────────────────────────────────

export interface CategoryPerformance {
  gameName: string;
  streams: number;
  hours: number;
  avgViewers: number | null;
  /** Chat messages per viewer per hour. */
  chatPerViewerHour: number | null;
  followsPerHour: number;
  streamIds: string[];
}

export interface CategoryComparison {
  channelId: string;
  categories: CategoryPerformance[];
  evidence: Evidence;
}

export interface TitleKeyword {
  keyword: string;
  streams: number;
  avgViewersWith: number;
  avgViewersWithout: number;
  /** avgViewersWith ÷ avgViewersWithout. */
  lift: number;
}

export interface TitleKeywords {
  channelId: string;
  keywords: TitleKeyword[];
  evidence: Evidence;
}

export interface EmoteUsage {
  scope: { channelId: string; streamId: string | null };
  /** Twitch emotes (from emote ranges) and third-party emotes (known names as plain words). */
  emotes: { name: string; count: number; messages: number; source: 'twitch' | 'third-party' }[];
  messages: number;
  evidence: Evidence;
}

export interface SentimentMinute {
  minute: number;
  ts: EpochMs;
  offsetMs: number;
  messages: number;
  positive: number;
  negative: number;
  laughter: number;
  /** (positive + laughter − negative) ÷ messages, −1..1; null when no messages. */
  score: number | null;
}

export interface StreamSentiment {
  stream: StreamInfo;
  minutes: SentimentMinute[];
  overall: number | null;
  evidence: Evidence;
}

// ── when to stream ────────────────────────────────────────────────────────────────────────────────────

export interface HourOfWeekCell {
  /** 0 = Sunday … 6 = Saturday, in the requested time zone. */
  day: number;
  hour: number;
  /** `Fri 20:00`. */
  label: string;
  streams: number;
  hours: number;
  avgViewers: number | null;
  followsPerHour: number | null;
  chatPerViewerHour: number | null;
}

export interface BestTimes {
  channelId: string;
  tzOffsetMinutes: number;
  cells: HourOfWeekCell[];
  /** Cells with ≥ `minStreams` streams, best average viewers first. */
  best: HourOfWeekCell[];
  evidence: Evidence;
}

export interface CompetitionCell {
  day: number;
  hour: number;
  label: string;
  gameName: string;
  /** Mean viewers ÷ live channels in that hour-of-week slot. */
  viewersPerChannel: number;
  avgLiveChannels: number;
  avgViewers: number;
  samples: number;
}

export interface CategoryCompetition {
  channelId: string;
  tzOffsetMinutes: number;
  categories: string[];
  /** Best (most viewers per live channel) first. */
  cells: CompetitionCell[];
  evidence: Evidence;
}

// ── trends ────────────────────────────────────────────────────────────────────────────────────────────

export interface WeekTrend {
  /** Monday 00:00 UTC (plus the time-zone offset) of the week. */
  weekStart: EpochMs;
  streams: number;
  hours: number;
  follows: number;
  /** Followers gained since the first recorded week, cumulative. */
  cumulativeFollows: number;
  avgViewers: number | null;
  uniqueChatters: number;
}

export interface WeeklyTrends {
  channelId: string;
  weeks: WeekTrend[];
  evidence: Evidence;
}

export interface StreamComparison {
  a: StreamInfo;
  b: StreamInfo;
  figures: {
    key: SummaryFigureKey;
    unit: string;
    a: number | null;
    b: number | null;
    /** b − a. */
    delta: number | null;
    deltaPct: number | null;
  }[];
  evidence: Evidence[];
}

// ── recommendations ───────────────────────────────────────────────────────────────────────────────────

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

// ── lookups ───────────────────────────────────────────────────────────────────────────────────────────

export interface ChannelListItem {
  id: string;
  login: string;
  displayName: string;
  streams: number;
  lastStreamAt: EpochMs | null;
  live: boolean;
}

export interface StreamListItem extends StreamInfo {
  peakViewers: number | null;
  avgViewers: number | null;
}

export interface ListStreamsOptions {
  channelId?: string;
  category?: string;
  from?: EpochMs;
  to?: EpochMs;
  sort?: 'newest' | 'oldest' | 'avg-viewers' | 'peak-viewers' | 'duration';
  limit?: number;
}

export interface ChatterProfile {
  channelId: string;
  userId: string;
  userLogin: string;
  displayName: string;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  messages: number;
  streamsAttended: number;
  /** Newest first. */
  streams: { streamId: string; startedAt: EpochMs | null; messages: number }[];
  recentMessages: { ts: EpochMs; streamId: string | null; text: string }[];
}

export interface TimelineWindow {
  stream: StreamInfo;
  fromTs: EpochMs;
  toTs: EpochMs;
  chat: { ts: EpochMs; offsetMs: number; userLogin: string; text: string; deleted: boolean }[];
  events: TimelineEvent[];
  transcript: TranscriptLine[];
  viewers: { ts: EpochMs; offsetMs: number; viewers: number }[];
  /** True when more chat lines existed than were returned. */
  chatTruncated: boolean;
}

// ── report ────────────────────────────────────────────────────────────────────────────────────────────

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
}

export interface AnalyticsOptions {
  /** Transcript lines below this confidence are never quoted (default 0.6, config `transcription.minConfidence`). */
  minConfidence?: number;
}
