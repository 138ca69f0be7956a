// A channel's chatters known by their Twitch user id, by login: what a text log (which names chatters by login
// only) is matched against, so an imported line is the same chatter as the one recorded live or from a VOD's chat.

import type { Store } from '../../store/store.ts';

/** login → Twitch user id of the channel's chatters whose id is known (not a `login:` stand-in). */
export async function getChatterIdsByLogin(store: Store, channelId: string): Promise<Map<string, string>> {
  const rows = await store.all<{ user_login: string; user_id: string }>(
    "SELECT user_login, user_id FROM chatters WHERE channel_id = ? AND user_id NOT LIKE 'login:%' ORDER BY last_seen",
    [channelId],
  );
  // The latest holder of a login wins (logins are reused after a rename).
  return new Map(rows.map((r) => [r.user_login.toLowerCase(), r.user_id]));
}
