// Chat lines of one stream for the questions that read text (community, questions, emotes, sentiment).

import type { Store } from '../../store/store.ts';

export interface StreamChatLine {
  id: string;
  ts: number;
  userId: string;
  userLogin: string;
  text: string;
  emotes: string | null;
  badges: string | null;
  replyParentId: string | null;
  replyParentUserLogin: string | null;
}

/** All chat of a stream, oldest first. */
export async function loadStreamChat(
  store: Store,
  s: { id: string; channelId: string; startedAt: number; endTs: number },
): Promise<StreamChatLine[]> {
  const rows = await store.all<{
    id: string;
    ts: number;
    user_id: string;
    user_login: string;
    text: string;
    emotes: string | null;
    badges: string | null;
    reply_parent_id: string | null;
    reply_parent_user_login: string | null;
  }>(
    `SELECT id, ts, user_id, user_login, text, emotes, badges, reply_parent_id, reply_parent_user_login FROM chat_messages
     WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ? ORDER BY ts`,
    [s.channelId, s.startedAt, s.endTs, s.id],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: Number(r.ts),
    userId: r.user_id,
    userLogin: r.user_login,
    text: r.text,
    emotes: r.emotes,
    badges: r.badges,
    replyParentId: r.reply_parent_id,
    replyParentUserLogin: r.reply_parent_user_login,
  }));
}

/** The broadcaster (their user id is the channel id, or the badge says so) or a moderator. */
export function isStaff(line: Pick<StreamChatLine, 'userId' | 'badges'>, channelId: string): boolean {
  return line.userId === channelId || /(^|,)(broadcaster|moderator)\//.test(line.badges ?? '');
}

/** Whether `line` answers `login`: a reply to them, or an @mention / their name as a word. */
export function addresses(line: Pick<StreamChatLine, 'text' | 'replyParentUserLogin'>, login: string): boolean {
  if (line.replyParentUserLogin?.toLowerCase() === login.toLowerCase()) return true;
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@?${login.replace(/[^\p{L}\p{N}_]/gu, '')}($|[^\\p{L}\\p{N}_])`, 'iu').test(
    line.text,
  );
}
