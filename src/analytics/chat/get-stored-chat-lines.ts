// What an import compares a log's messages with so the same message kept in two logs is stored once: the stored
// messages of a channel in a time range (chatter, time, text). Text logs have no message ids (an import makes
// theirs from the line: `import-…`, formats/plain-chat-line.ts), so a message both in a text log and in a log with
// Twitch's ids (raw IRC, a VOD's chat JSON) can only be matched by what it says, who said it and when; each kind is
// matched against the other only.

import type { Store } from '../../store/store.ts';

export interface StoredChatLine {
  login: string;
  ts: number;
  text: string;
}

/** The channel's messages stored with ts in [from, to): those with made ids when `madeIds`, else Twitch's. */
export async function getStoredChatLines(
  store: Store,
  channelId: string,
  from: number,
  to: number,
  madeIds: boolean,
): Promise<StoredChatLine[]> {
  const rows = await store.all<{ user_login: string; ts: number; text: string }>(
    `SELECT user_login, ts, text FROM chat_messages
     WHERE channel_id = ? AND ts >= ? AND ts < ? AND id ${madeIds ? 'LIKE' : 'NOT LIKE'} 'import-%'`,
    [channelId, from, to],
  );
  return rows.map((r) => ({ login: r.user_login, ts: Number(r.ts), text: r.text }));
}
