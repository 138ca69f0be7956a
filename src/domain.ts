// The shared nouns of streamlens. Every timestamp is integer epoch milliseconds (UTC); ids are Twitch's
// opaque strings. Twitch's own wire shapes never leave src/twitch/; the rest of the code sees these.

/** Epoch milliseconds, UTC. */
export type EpochMs = number;

export interface Channel {
  id: string;
  login: string;
  /** Absent when the source knows only the login (a log, chat): the stored display name is then kept. */
  displayName?: string;
}

export interface Stream {
  /** Helix stream id. */
  id: string;
  channelId: string;
  startedAt: EpochMs;
  /** null while the stream is live. */
  endedAt: EpochMs | null;
  title: string;
  gameId: string | null;
  gameName: string | null;
  language: string | null;
  tags: string[];
  /** The archived VOD's id, when known, for links into the video. */
  vodId: string | null;
}

/** One poll of a live channel. */
export interface StreamSnapshot {
  channelId: string;
  streamId: string;
  ts: EpochMs;
  viewerCount: number;
  title: string;
  gameId: string | null;
  gameName: string | null;
}

/** An emote occurrence in a message: code-point offsets into `text`, end inclusive, validated and clamped. */
export interface EmoteRange {
  id: string;
  start: number;
  end: number;
}

/** A chat badge as `name/version`, e.g. `subscriber/12`. */
export interface Badge {
  name: string;
  version: string;
}

export interface ChatMessage {
  /** Twitch's message id (the `id` tag). */
  id: string;
  channelId: string;
  /** The stream live when it was sent; null when the channel was offline or not known. */
  streamId: string | null;
  ts: EpochMs;
  userId: string;
  userLogin: string;
  displayName: string;
  /** The message text, with the `/me` ACTION framing removed. */
  text: string;
  /** Sent with `/me`. */
  isAction: boolean;
  bits: number;
  emotes: EmoteRange[];
  badges: Badge[];
  /** The chatter's first message ever in this channel (`first-msg=1`). */
  firstMsg: boolean;
  /** Twitch's `returning-chatter=1`. */
  returningChatter: boolean;
  /** Id of the message this one replies to. */
  replyParentId: string | null;
  /** Login of the chatter this one replies to. */
  replyParentUserLogin: string | null;
  /** For shared chat: the channel the message was sent in, when not this one. */
  sourceChannelId: string | null;
  color: string | null;
  deletedAt: EpochMs | null;
  /** A Hype Chat's payment (`pinned-chat-paid-*` tags); absent or null for other messages. */
  paid?: HypeChatPayment | null;
}

/** What a Hype Chat paid: `amount` in minor units of `currency` (the value is amount / 10^exponent). */
export interface HypeChatPayment {
  amount: number;
  currency: string;
  exponent: number;
  /** Twitch's level name: ONE … TEN. */
  level: string | null;
  isSystemMessage: boolean;
}

/**
 * Chat-side events: USERNOTICE (type = Twitch's `msg-id`: sub, resub, subgift, submysterygift, raid,
 * announcement, viewermilestone, …), CLEARCHAT (`ban`, `timeout`, `clear`), CLEARMSG (`delete`) and
 * ROOMSTATE changes (`roomstate`).
 */
export interface ChatEvent {
  id: string;
  channelId: string;
  streamId: string | null;
  ts: EpochMs;
  type: string;
  userId: string | null;
  userLogin: string | null;
  data: Record<string, unknown>;
}

/** An EventSub notification; `type` is the subscription type, e.g. `channel.follow`. */
export interface ChannelEvent {
  /** EventSub message id (or the event's own id where Twitch gives one). */
  id: string;
  channelId: string;
  streamId: string | null;
  ts: EpochMs;
  type: string;
  userId: string | null;
  userLogin: string | null;
  data: Record<string, unknown>;
}

export interface TranscriptSegment {
  id: string;
  channelId: string;
  streamId: string | null;
  startTs: EpochMs;
  endTs: EpochMs;
  text: string;
  /** 0..1; below the configured threshold the text is never shown as a quote. */
  confidence: number;
  engine: string;
}

/** A gap in the transcript: audio that was never transcribed, and why. */
export interface TranscriptGap {
  channelId: string;
  streamId: string | null;
  startTs: EpochMs;
  endTs: EpochMs;
  reason: string;
}

/** A poll of a category's competition: how many channels are live in it and how many watch them. */
export interface CategorySnapshot {
  gameId: string;
  gameName: string;
  ts: EpochMs;
  liveChannels: number;
  viewers: number;
}

/** What the chat parser makes of one IRC line. */
export type ChatRecord = { kind: 'message'; message: ChatMessage } | { kind: 'event'; event: ChatEvent };

/** The third-party emote services whose sets streamlens keeps: 7TV, BetterTTV, FrankerFaceZ. */
export const emoteProviders = ['7tv', 'bttv', 'ffz'] as const;
export type EmoteProvider = (typeof emoteProviders)[number];

/** One emote of a provider's set as last fetched: a channel's own set, or the global set (`channelId` ''). */
export interface ThirdPartyEmote {
  provider: EmoteProvider;
  /** The Twitch user id of the channel whose set lists it; '' for the provider's global set. */
  channelId: string;
  /** The provider's own id of the emote. */
  emoteId: string;
  /** The word chat types (case-sensitive): for 7TV the name the set gives it (an alias or the emote's name). */
  name: string;
  fetchedAt: EpochMs;
}

/** A clip of a channel's stream as Helix Get Clips lists it (times in ms; `vodOffsetSec` null when unknown). */
export interface Clip {
  id: string;
  channelId: string;
  url: string;
  embedUrl: string;
  creatorId: string;
  creatorName: string;
  videoId: string;
  gameId: string;
  title: string;
  viewCount: number;
  createdAt: EpochMs;
  thumbnailUrl: string;
  durationSec: number;
  vodOffsetSec: number | null;
  isFeatured: boolean;
}

/** Who was in a live stream's chat at one moment (Helix Get Chatters), whether they chatted or not. */
export interface ChatPresenceSample {
  channelId: string;
  streamId: string;
  ts: EpochMs;
  /** The time one sample stands for (the sampling interval): each user's estimated watch time grows by it. */
  intervalMs: number;
  /** The stream's viewer count at the sample, when known. */
  viewers: number | null;
  users: readonly { userId: string; userLogin: string }[];
}

/**
 * Where a chat message's id comes from: Twitch (a UUID), an import that made it from a text line (`import-…`), or
 * a file's own (a CSV's). The same message kept in logs of two kinds has two ids: imports match it by what it says.
 */
export type ChatIdKind = 'twitch' | 'made' | 'own';

export function toChatIdKind(id: string): ChatIdKind {
  if (id.startsWith('import-')) return 'made';
  return id.length === 36 && id[8] === '-' && id[13] === '-' && id[18] === '-' && id[23] === '-' ? 'twitch' : 'own';
}
