// A redactor primed with every name the store knows (channels and chatters), so names are hidden even in
// the user's own question and in earlier turns, not only in tool results.

import { listKnownNames } from '../../analytics/index.ts';
import type { Store } from '../../store/store.ts';
import { createRedactor, type Redactor } from './create-redactor.ts';

/** A redactor that already knows every recorded login and display name. */
export async function loadRedactor(store: Store): Promise<Redactor> {
  const redactor = createRedactor();
  for (const name of await listKnownNames(store)) redactor.addNames([name.login, name.displayName]);
  return redactor;
}
