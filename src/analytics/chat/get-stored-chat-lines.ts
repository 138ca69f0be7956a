// What an import compares a log's messages with so the same message kept in two logs is stored once: the stored
// messages of a channel in a time range (id, chatter, time, text). Text logs have no message ids (an import makes
// theirs from the line, formats/plain-chat-line.ts) and a CSV may have ids of its own, so a message kept both in
// such a log and in one with Twitch's ids (raw IRC, a VOD's chat JSON) can only be matched by what it says, who
// said it and when.

import type { Store } from '../../store/store.ts';

export interface StoredChatLine {
  id: string;
  login: string;
  ts: number;
  text: string;
}

/** The channel's messages stored with ts in [from, to). */
export async function getStoredChatLines(
  store: Store,
  channelId: string,
  from: number,
  to: number,
): Promise<StoredChatLine[]> {
  const rows = await store.all<{ id: string; user_login: string; ts: number; text: string }>(
    'SELECT id, user_login, ts, text FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts < ?',
    [channelId, from, to],
  );
  return rows.map((r) => ({ id: r.id, login: r.user_login, ts: Number(r.ts), text: r.text }));
}
