// Sends JOINs within Twitch's limit (20 channel joins per 10 s per user), batching channels into
// `JOIN #a,#b,…` lines of at most 500 characters.

export interface JoinSchedulerOptions {
  send(line: string): void;
  /** Channel joins allowed per window (default 20). */
  limit?: number;
  /** Window length in ms (default 10 s, plus a little slack). */
  windowMs?: number;
  now?: () => number;
}

export interface JoinScheduler {
  /** Queues logins to join (duplicates already queued are ignored); `first` puts them ahead of the queue. */
  enqueue(logins: Iterable<string>, options?: { first?: boolean }): void;
  /** Forgets a queued login (parted before its turn). */
  remove(login: string): void;
  /** Drops everything queued and the window history (a new connection has its own budget). */
  reset(): void;
  stop(): void;
}

const maxLineLength = 500;

/** Creates a join scheduler that sends as fast as the limit allows. */
export function createJoinScheduler(options: JoinSchedulerOptions): JoinScheduler {
  const limit = options.limit ?? 20;
  const windowMs = options.windowMs ?? 10_500;
  const now = options.now ?? Date.now;
  const queue = new Set<string>();
  let sentAt: number[] = [];
  let timer: NodeJS.Timeout | undefined;

  const pump = () => {
    timer = undefined;
    const t = now();
    sentAt = sentAt.filter((at) => at > t - windowMs);
    let budget = limit - sentAt.length;
    while (queue.size > 0 && budget > 0) {
      let line = 'JOIN ';
      const batch: string[] = [];
      for (const login of queue) {
        const part = batch.length === 0 ? `#${login}` : `,#${login}`;
        if (batch.length >= budget || (batch.length > 0 && line.length + part.length > maxLineLength)) break;
        line += part;
        batch.push(login);
      }
      for (const login of batch) {
        queue.delete(login);
        sentAt.push(t);
      }
      budget -= batch.length;
      options.send(line);
    }
    if (queue.size > 0 && sentAt.length > 0) {
      const oldest = Math.min(...sentAt);
      timer = setTimeout(pump, Math.max(1, oldest + windowMs - t));
    }
  };

  return {
    enqueue(logins, enqueueOptions) {
      if (enqueueOptions?.first) {
        const rest = [...queue];
        queue.clear();
        for (const login of logins) queue.add(login);
        for (const login of rest) queue.add(login);
      } else for (const login of logins) queue.add(login);
      if (timer === undefined) pump();
    },
    remove(login) {
      queue.delete(login);
    },
    reset() {
      queue.clear();
      sentAt = [];
      clearTimeout(timer);
      timer = undefined;
    },
    stop() {
      this.reset();
    },
  };
}
