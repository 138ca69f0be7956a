// What an import compares a log's messages with so the same message kept in two logs is stored once: the stored
// messages of a channel in a time range (id, chatter, time, text). Text logs have no message ids (an import makes
// theirs from the line, formats/plain-chat-line.ts) and a CSV may have ids of its own, so a message kept both in
// such a log and in one with Twitch's ids (raw IRC, a VOD's chat JSON) can only be matched by what it says, who
// said it and when.

import type { ChatIdKind } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

export interface StoredChatLine {
  login: string;
  ts: number;
  text: string;
}

const twitchId = "id LIKE '________-____-____-____-____________'";
const madeId = "id LIKE 'import-%'";
// domain.ts toChatIdKind in SQL (LIKE's `_` is any one character: a UUID's 36 with its four hyphens).
const ofKind: Record<ChatIdKind, string> = {
  twitch: twitchId,
  made: madeId,
  own: `NOT (${twitchId}) AND NOT (${madeId})`,
};

/**
 * The channel's messages stored with ts in [from, to) whose ids are of another kind than `kind` (a message with an
 * id of the same kind is the same record only under that id, which the store already keeps once).
 */
export async function getStoredChatLines(
  store: Store,
  channelId: string,
  from: number,
  to: number,
  kind: ChatIdKind,
): Promise<StoredChatLine[]> {
  const rows = await store.all<{ user_login: string; ts: number; text: string }>(
    `SELECT user_login, ts, text FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts < ? AND NOT (${ofKind[kind]})`,
    [channelId, from, to],
  );
  return rows.map((r) => ({ login: r.user_login, ts: Number(r.ts), text: r.text }));
}
