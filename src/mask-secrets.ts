// The one mechanism that keeps secrets in: every value streamlens knows to be secret (the configured keys and
// passwords, the database password, Twitch tokens read from the token file or issued while running) is
// registered here when it is read, and every exit (the log, CLI errors and answers, HTTP error bodies, SSE
// events, stored agent conversations, tool results) passes its text through `maskSecrets`. Values are matched
// as they are, whatever their shape (`gsk_…`, `AIza…`, hex), plus the patterns of tokens that were never
// registered (`oauth:…`, `Bearer …`, `sk-…`) as a backstop.

/** Shorter values are not masked: they would hide ordinary words, and no real key is this short. */
const minSecretLength = 8;
const mask = '***';

const secrets = new Set<string>();
/** Longest first, so a secret containing another is masked whole. */
let ordered: string[] = [];

/** Registers values that must never leave the process (undefined and short values are ignored). */
export function registerSecrets(values: Iterable<string | null | undefined>): void {
  let added = false;
  for (const value of values) {
    if (typeof value !== 'string' || value.length < minSecretLength) continue;
    // The same value as it appears URL- or JSON-escaped in a message.
    for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
      if (form.length >= minSecretLength && !secrets.has(form)) {
        secrets.add(form);
        added = true;
      }
    }
  }
  if (added) ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** The text with every registered secret, and anything shaped like a token, replaced by `***`. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.replaceAll(secret, mask);
  return out
    .replace(/(oauth:|Bearer\s+|OAuth\s+)[A-Za-z0-9._~+/-]{8,}/gi, `$1${mask}`)
    .replace(/\b(sk-[A-Za-z0-9_-]{8,})/g, `sk-${mask}`)
    .replace(/((?:access|refresh)_token["'=:\s]+)[A-Za-z0-9._~+/-]{8,}/gi, `$1${mask}`);
}

/** A deep copy of a JSON-like value with `maskSecrets` applied to every string (keys included). */
export function maskSecretsIn<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskSecretsIn(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskSecrets(k), maskSecretsIn(v)])) as T;
  return value;
}

/**
 * Masks text that arrives in pieces (a streamed answer): a piece is held back while its end could be the start
 * of a secret, so a secret split across pieces is still masked.
 */
export function createStreamMasker(): { push(piece: string): string; flush(): string } {
  let pending = '';
  return {
    push(piece) {
      pending += piece;
      const keep = heldBackLength(pending);
      const ready = pending.slice(0, pending.length - keep);
      pending = pending.slice(pending.length - keep);
      // Masking may only change the ready part if a whole secret is in it; the rest waits for more text.
      return maskSecrets(ready);
    },
    flush() {
      const rest = maskSecrets(pending);
      pending = '';
      return rest;
    },
  };
}

/** How many characters at the end of `text` could begin a secret (or a token pattern) still being written. */
function heldBackLength(text: string): number {
  let keep = 0;
  for (const secret of ordered) {
    const longest = Math.min(secret.length - 1, text.length);
    for (let n = longest; n > keep; n--)
      if (secret.startsWith(text.slice(text.length - n))) {
        keep = n;
        break;
      }
  }
  // A token pattern can grow as long as the token: hold back an unfinished `sk-…`, `Bearer …` or `oauth:…`.
  const tail = /(?:sk-|oauth:|Bearer\s+|OAuth\s+|_token["'=:\s]+)[A-Za-z0-9._~+/-]*$/i.exec(text);
  if (tail) keep = Math.max(keep, Math.min(text.length, tail[0].length));
  return keep;
}

/** Forgets every registered secret (tests). */
export function clearSecretsForTests(): void {
  secrets.clear();
  ordered = [];
}
