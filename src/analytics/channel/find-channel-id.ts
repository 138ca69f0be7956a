// A recorded channel named by its id or its login.

import type { Store } from '../../store/store.ts';

/** The id of the channel whose id is `channel` or whose login is (any case, with or without `@`); else undefined. */
export async function findChannelId(store: Store, channel: string): Promise<string | undefined> {
  const wanted = channel.trim().replace(/^@/, '');
  if (!wanted) return undefined;
  const row = await store.get<{ id: string }>(
    'SELECT id FROM channels WHERE id = ? OR LOWER(login) = LOWER(?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1',
    [wanted, wanted, wanted],
  );
  return row?.id;
}
