// A view of a store that only reads, for processes that must never change the database (the MCP server): every
// named write refuses with READ_ONLY_VIOLATION, except the chat-minute and stream rollups, caches analytics keep
// of what the records already say, which this view does not persist (the answer is computed either way).

import { StreamlensError } from '../errors.ts';
import type { ConversationRecords, NotificationRecords, Store } from './store.ts';

const refuse = (what: string) => async (): Promise<never> => {
  throw new StreamlensError('READ_ONLY_VIOLATION', `${what} refused: this process only reads the database`);
};

/** The store's reads as they are; its writes refused (the rollup caches skipped). */
export function toReadOnlyStore(store: Store): Store {
  const conversations: ConversationRecords = {
    create: refuse('storing a conversation'),
    appendMessage: refuse('storing a conversation message'),
    list: (limit) => store.conversations.list(limit),
    findMessages: (id) => store.conversations.findMessages(id),
  };
  const notifications: NotificationRecords = {
    enqueue: refuse('queuing a notification'),
    claimDue: refuse('claiming notifications'),
    markSent: refuse('updating a notification'),
    retryLater: refuse('updating a notification'),
    markFailed: refuse('updating a notification'),
    blockTarget: refuse('blocking a notification target'),
    listBlockedTargets: () => store.notifications.listBlockedTargets(),
    countByTarget: () => store.notifications.countByTarget(),
    listRecent: (limit) => store.notifications.listRecent(limit),
  };
  return {
    dialect: store.dialect,
    location: store.location,
    migrate: refuse('migrating the schema'),
    schemaVersion: () => store.schemaVersion(),
    write: refuse('writing records'),
    catchUp: refuse('catching up the search index'),
    endStream: refuse('ending a stream'),
    all: (sql, params) => store.all(sql, params),
    get: (sql, params) => store.get(sql, params),
    listStreamSpans: () => store.listStreamSpans(),
    listOpenStreams: () => store.listOpenStreams(),
    replaceChatMinutes: async () => {},
    // A rollup is a cache of what the records say: a read-only view builds it and does not keep it.
    writeHistoryRollups: async () => {},
    writeStreamRollups: async () => {},
    attachEarlyRecords: refuse('attaching records to a stream'),
    mergeChatterStandIns: refuse('merging chatters'),
    writeStreamReport: refuse('saving a stream report'),
    conversations,
    notifications,
    emotes: { upsert: refuse('keeping emotes') },
    clips: { upsert: refuse('storing clips'), recordRequested: refuse('storing a clip') },
    presence: { writeSample: refuse('storing chat presence') },
    queryReadOnly: (sql, options) => store.queryReadOnly(sql, options),
    searchChat: (query, options) => store.searchChat(query, options),
    searchTranscript: (query, options) => store.searchTranscript(query, options),
    sizeBytes: () => store.sizeBytes(),
    close: () => store.close(),
  };
}
