// A redactor primed with every name the store knows (channels and chatters), so names are hidden even in
// the user's own question and in earlier turns, not only in tool results.

import type { Store } from '../../store/store.ts';
import { createRedactor, type Redactor } from './create-redactor.ts';

/** A redactor that already knows every recorded login and display name. */
export async function loadRedactor(store: Store): Promise<Redactor> {
  const redactor = createRedactor();
  const channels = await store.all<{ login: string; display_name: string }>(
    'SELECT login, display_name FROM channels ORDER BY login',
  );
  const chatters = await store.all<{ user_login: string; display_name: string }>(
    'SELECT user_login, display_name FROM chatters ORDER BY first_seen, user_login LIMIT 200000',
  );
  for (const row of [...channels.map((c) => ({ user_login: c.login, display_name: c.display_name })), ...chatters])
    redactor.addNames([row.user_login, row.display_name]);
  return redactor;
}
