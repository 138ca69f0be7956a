// Username redaction for remote providers: every known login or display name becomes a stable pseudonym
// (`viewer_1`, …) in what is sent to the model, and the pseudonyms are mapped back in what the user sees.
// Matching is by whole word, so names inside chat text ("@reg1 hi") are caught too.

const nameKeys = new Set([
  'userLogin',
  'user_login',
  'displayName',
  'display_name',
  'login',
  'channelLogin',
  'channel_login',
  'replyParentUserLogin',
  'reply_parent_user_login',
  'fromBroadcasterUserLogin',
  'toBroadcasterUserLogin',
  'fromBroadcasterUserName',
  'toBroadcasterUserName',
  'userName',
]);

const pseudonymPattern = /\bviewer_(\d+)\b/g;

export interface Redactor {
  /** Registers names (a login and its display name map to the same pseudonym when spelled alike). */
  addNames(names: Iterable<string>): void;
  /** Registers every name found under a name-like key of a JSON value. */
  learnFrom(value: unknown): void;
  redactText(text: string): string;
  /** A deep copy of a JSON value with names replaced in every string. */
  redactValue<T>(value: T): T;
  restoreText(text: string): string;
  restoreValue<T>(value: T): T;
}

/** A fresh redactor; pseudonyms are numbered in the order names are first registered. */
export function createRedactor(): Redactor {
  const toPseudonym = new Map<string, string>();
  const toName = new Map<string, string>();
  const addNames = (names: Iterable<string>) => {
    for (const name of names) {
      const key = name.toLowerCase();
      if (!/^[a-z0-9_]{2,25}$/.test(key) || /^\d+$/.test(key) || toPseudonym.has(key)) continue;
      if (/^viewer_\d+$/.test(key)) continue;
      const pseudonym = `viewer_${toPseudonym.size + 1}`;
      toPseudonym.set(key, pseudonym);
      toName.set(pseudonym, name);
    }
  };
  const redactText = (text: string) =>
    text.replace(/[A-Za-z0-9_]+/g, (token) => toPseudonym.get(token.toLowerCase()) ?? token);
  const restoreText = (text: string) => text.replace(pseudonymPattern, (p) => toName.get(p) ?? p);
  const learnFrom = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) learnFrom(v);
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) {
        if (nameKeys.has(k) && typeof v === 'string') addNames([v]);
        else learnFrom(v);
      }
  };
  return {
    addNames,
    learnFrom,
    redactText,
    restoreText,
    redactValue: (value) => mapStrings(value, redactText),
    restoreValue: (value) => mapStrings(value, restoreText),
  };
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  return value;
}

/** Restores pseudonyms in streamed text, holding back a tail that may be the start of one. */
export function createStreamRestorer(redactor: Redactor): { push(delta: string): string; flush(): string } {
  let pending = '';
  return {
    push(delta) {
      pending += delta;
      const tail = pending.match(/v(?:i(?:e(?:w(?:e(?:r(?:_\d*)?)?)?)?)?)?$/);
      const cut = tail ? pending.length - tail[0].length : pending.length;
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return redactor.restoreText(ready);
    },
    flush() {
      const rest = redactor.restoreText(pending);
      pending = '';
      return rest;
    },
  };
}
