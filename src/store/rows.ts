// Row shapes of the public tables and their conversion to domain records, shared by every backend.

import type { ChannelEvent, ChatEvent, ChatMessage, TranscriptSegment } from '../domain.ts';
import { decodeBadges, decodeEmotes, encodeBadges, encodeEmotes } from './codec.ts';

export interface ChatMessageRow {
  id: string;
  channel_id: string;
  stream_id: string | null;
  ts: number;
  user_id: string;
  user_login: string;
  display_name: string;
  text: string;
  is_action: number;
  bits: number;
  emotes: string | null;
  badges: string | null;
  first_msg: number;
  returning_chatter: number;
  reply_parent_id: string | null;
  reply_parent_user_login: string | null;
  source_channel_id: string | null;
  color: string | null;
  deleted_at: number | null;
  paid_amount?: number | null;
  paid_currency?: string | null;
  paid_exponent?: number | null;
  paid_level?: string | null;
  paid_system_message?: number | null;
}

export function toChatMessage(row: ChatMessageRow): ChatMessage {
  return {
    id: row.id,
    channelId: row.channel_id,
    streamId: row.stream_id,
    ts: Number(row.ts),
    userId: row.user_id,
    userLogin: row.user_login,
    displayName: row.display_name,
    text: row.text,
    isAction: Boolean(row.is_action),
    bits: Number(row.bits),
    emotes: decodeEmotes(row.emotes),
    badges: decodeBadges(row.badges),
    firstMsg: Boolean(row.first_msg),
    returningChatter: Boolean(row.returning_chatter),
    replyParentId: row.reply_parent_id,
    replyParentUserLogin: row.reply_parent_user_login,
    sourceChannelId: row.source_channel_id,
    color: row.color,
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
    paid:
      row.paid_amount == null || row.paid_currency == null
        ? null
        : {
            amount: Number(row.paid_amount),
            currency: row.paid_currency,
            exponent: Number(row.paid_exponent ?? 0),
            level: row.paid_level ?? null,
            isSystemMessage: Boolean(row.paid_system_message),
          },
  };
}

export interface TranscriptSegmentRow {
  id: string;
  channel_id: string;
  stream_id: string | null;
  start_ts: number;
  end_ts: number;
  text: string;
  confidence: number;
  engine: string;
}

export function toTranscriptSegment(row: TranscriptSegmentRow): TranscriptSegment {
  return {
    id: row.id,
    channelId: row.channel_id,
    streamId: row.stream_id,
    startTs: Number(row.start_ts),
    endTs: Number(row.end_ts),
    text: row.text,
    confidence: Number(row.confidence),
    engine: row.engine,
  };
}

/**
 * A message's column values in the write order of every backend: channel_id, ts, id, stream_id, user_id,
 * user_login, display_name, text, is_action, bits, emotes, badges, first_msg, returning_chatter, reply_parent_id,
 * reply_parent_user_login, source_channel_id, color, deleted_at, paid_amount, paid_currency, paid_exponent, paid_level,
 * paid_system_message. Also how messages cross to SQLite's writer
 * thread: an array of primitives copies several times faster than the object.
 */
export type ChatMessageValues = [
  channelId: string,
  ts: number,
  id: string,
  streamId: string | null,
  userId: string,
  userLogin: string,
  displayName: string,
  text: string,
  isAction: 0 | 1,
  bits: number,
  emotes: string | null,
  badges: string | null,
  firstMsg: 0 | 1,
  returningChatter: 0 | 1,
  replyParentId: string | null,
  replyParentUserLogin: string | null,
  sourceChannelId: string | null,
  color: string | null,
  deletedAt: number | null,
  paidAmount: number | null,
  paidCurrency: string | null,
  paidExponent: number | null,
  paidLevel: string | null,
  paidSystemMessage: 0 | 1 | null,
];

export function toChatMessageValues(m: ChatMessage): ChatMessageValues {
  const paid = m.paid;
  return [
    m.channelId,
    m.ts,
    m.id,
    m.streamId,
    m.userId,
    m.userLogin,
    m.displayName,
    m.text,
    m.isAction ? 1 : 0,
    m.bits,
    encodeEmotes(m.emotes),
    encodeBadges(m.badges),
    m.firstMsg ? 1 : 0,
    m.returningChatter ? 1 : 0,
    m.replyParentId,
    m.replyParentUserLogin,
    m.sourceChannelId,
    m.color,
    m.deletedAt,
    paid ? paid.amount : null,
    paid ? paid.currency : null,
    paid ? paid.exponent : null,
    paid ? paid.level : null,
    paid ? (paid.isSystemMessage ? 1 : 0) : null,
  ];
}

/** A chat or channel event's column values: id, channel_id, stream_id, ts, type, user_id, user_login, data. */
export function toEventValues(e: ChatEvent | ChannelEvent): unknown[] {
  return [e.id, e.channelId, e.streamId, e.ts, e.type, e.userId, e.userLogin, JSON.stringify(e.data)];
}

/** A transcript segment's column values: id, channel_id, stream_id, start_ts, end_ts, text, confidence, engine. */
export function toSegmentValues(t: TranscriptSegment): unknown[] {
  return [t.id, t.channelId, t.streamId, t.startTs, t.endTs, t.text, t.confidence, t.engine];
}
