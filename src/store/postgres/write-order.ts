// Several writes may run at once, each in its own transaction on its own connection (the ingest's
// `maxWritesInFlight`): PostgreSQL then works on two batches on two cores. Most of a batch commutes with any
// other batch — inserts skip stored ids, aggregates add up, names follow the newest message — but two things
// read what an earlier write stored, and a transaction cannot see another's uncommitted rows:
// - a CLEARMSG marks the message it names: it waits for the earlier write that holds that message; a ban or
//   timeout marks the user's messages: it waits for the earlier writes holding messages of that user;
// - channel and stream upserts and viewer snapshots (peak/average are recomputed from the stored snapshots):
//   such a batch waits for every earlier write.
// A write that failed is retried by its caller later, possibly after a CLEARMSG for one of its messages has
// been written: that delete is kept here and applied when the message is written again.

import type { ChatMessage } from '../../domain.ts';
import type { WriteBatch } from '../store.ts';

interface Running {
  messages: readonly ChatMessage[];
  /** Built when a later delete needs it. */
  ids?: Set<string>;
  settled: Promise<void>;
}

/** Message ids of failed writes remembered for deletes that arrive before their retry (oldest forgotten first). */
const maxFailedIds = 100_000;

export class WriteOrder {
  readonly #running: Running[] = [];
  /** Message id of a failed write → the time of a delete that named it since, or null. */
  readonly #failedIds = new Map<string, number | null>();

  /**
   * Waits until `batch` may start; returns the batch to write (deletes that waited for a retry applied) and
   * `settle`, to call with whether the write committed.
   */
  async admit(batch: WriteBatch): Promise<{ batch: WriteBatch; settle: (committed: boolean) => void }> {
    const earlier = [...this.#running];
    let resolve!: () => void;
    const entry: Running = {
      messages: batch.chatMessages ?? [],
      settled: new Promise<void>((r) => {
        resolve = r;
      }),
    };
    this.#running.push(entry);
    const targets = deleteTargets(batch);
    const clearedUsers = clearedUsersOf(batch);
    const waitForAll = Boolean(batch.channels?.length || batch.streams?.length || batch.snapshots?.length);
    const waitFor = waitForAll
      ? earlier
      : targets.size === 0
        ? []
        : earlier.filter((e) => [...targets.keys()].some((id) => idsOf(e).has(id)));
    if (!waitForAll && clearedUsers.size > 0)
      for (const e of earlier)
        if (!waitFor.includes(e) && e.messages.some((m) => clearedUsers.has(`${m.channelId}:${m.userId}`)))
          waitFor.push(e);
    await Promise.all(waitFor.map((e) => e.settled));

    const ready = this.#withDeferredDeletes(batch, targets);
    return {
      batch: ready,
      settle: (committed) => {
        this.#running.splice(this.#running.indexOf(entry), 1);
        if (committed) for (const m of ready.chatMessages ?? []) this.#failedIds.delete(m.id);
        else this.#rememberFailed(entry.messages);
        resolve();
      },
    };
  }

  /** Notes deletes of messages whose write failed, and applies those noted to messages written again. */
  #withDeferredDeletes(batch: WriteBatch, targets: Map<string, number>): WriteBatch {
    if (this.#failedIds.size === 0) return batch;
    for (const [id, ts] of targets) if (this.#failedIds.has(id)) this.#failedIds.set(id, ts);
    let messages: ChatMessage[] | undefined;
    batch.chatMessages?.forEach((m, i) => {
      const deletedAt = this.#failedIds.get(m.id);
      if (deletedAt == null || m.deletedAt !== null) return;
      messages ??= [...batch.chatMessages!];
      messages[i] = { ...m, deletedAt };
    });
    return messages ? { ...batch, chatMessages: messages } : batch;
  }

  #rememberFailed(messages: readonly ChatMessage[]): void {
    for (const m of messages) if (!this.#failedIds.has(m.id)) this.#failedIds.set(m.id, null);
    for (const id of this.#failedIds.keys()) {
      if (this.#failedIds.size <= maxFailedIds) break;
      this.#failedIds.delete(id);
    }
  }
}

/** The messages a batch's CLEARMSG events delete, with the time of each delete. */
function deleteTargets(batch: WriteBatch): Map<string, number> {
  const targets = new Map<string, number>();
  for (const e of batch.chatEvents ?? []) {
    const target = e.data.targetMessageId;
    if (e.type === 'delete' && typeof target === 'string') targets.set(target, e.ts);
  }
  return targets;
}

/** `channel:user` of the bans and timeouts in a batch: they mark that user's stored messages deleted. */
function clearedUsersOf(batch: WriteBatch): Set<string> {
  const users = new Set<string>();
  for (const e of batch.chatEvents ?? [])
    if ((e.type === 'ban' || e.type === 'timeout') && e.userId !== null) users.add(`${e.channelId}:${e.userId}`);
  return users;
}

function idsOf(entry: Running): Set<string> {
  entry.ids ??= new Set(entry.messages.map((m) => m.id));
  return entry.ids;
}
