// Row shapes of the public tables and their conversion to domain records, shared by every backend.

import type { ChatMessage, TranscriptSegment } from '../domain.ts';
import { decodeBadges, decodeEmotes } from './codec.ts';

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
