// Chat messages matching words (the store's full-text search), each with its offset in its stream.

import type { EpochMs } from '../../domain.ts';
import type { ChatSearchOptions, Store } from '../../store/store.ts';
import { loadStreamOffsets } from './load-stream-offsets.ts';

/** Messages with every word of `query`, newest first. */
export async function getChatMatches(store: Store, query: string, options: ChatSearchOptions): Promise<ChatMatch[]> {
  const messages = await store.searchChat(query, options);
  const offsetOf = await loadStreamOffsets(
    store,
    messages.map((m) => m.streamId),
  );
  return messages.map((m) => ({
    id: m.id,
    channelId: m.channelId,
    streamId: m.streamId,
    ts: m.ts,
    offsetMs: offsetOf(m.streamId, m.ts),
    userLogin: m.userLogin,
    displayName: m.displayName,
    text: m.text,
  }));
}

export interface ChatMatch {
  id: string;
  channelId: string;
  streamId: string | null;
  ts: EpochMs;
  /** From the start of its stream; null when the message belongs to none. */
  offsetMs: number | null;
  userLogin: string;
  displayName: string;
  text: string;
}
