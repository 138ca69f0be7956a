// Every name the store knows: channels' and chatters' logins and display names (for hiding them from a model).

import type { Store } from '../../store/store.ts';

/** Chatters listed at most, the earliest seen first. */
const maxChatters = 200_000;

/** Channels (by login) then chatters (earliest seen first), each with its login and display name. */
export async function listKnownNames(store: Store): Promise<KnownName[]> {
  const channels = await store.all<{ login: string; display_name: string }>(
    'SELECT login, display_name FROM channels ORDER BY login',
  );
  const chatters = await store.all<{ user_login: string; display_name: string }>(
    'SELECT user_login, display_name FROM chatters ORDER BY first_seen, user_login LIMIT ?',
    [maxChatters],
  );
  return [
    ...channels.map((c) => ({ login: c.login, displayName: c.display_name })),
    ...chatters.map((c) => ({ login: c.user_login, displayName: c.display_name })),
  ];
}

export interface KnownName {
  login: string;
  displayName: string;
}
