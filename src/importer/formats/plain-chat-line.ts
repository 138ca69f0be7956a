// What a text log line holds once read, whatever its format (justlog/rustlog, Chatterino, CSV, TwitchDownloader),
// and how it becomes a ChatMessage: formats without Twitch's ids get deterministic ones, so re-importing a file
// stores nothing new.

import { createHash } from 'node:crypto';
import type { Badge, ChatMessage, EmoteRange } from '../../domain.ts';

/** One chat line read from a log. Ids are Twitch's when the format has them. */
export interface PlainChatLine {
  /** The channel's login (without `#`). */
  channel: string;
  channelId?: string;
  ts: number;
  login: string;
  displayName?: string;
  userId?: string;
  id?: string;
  text: string;
  isAction?: boolean;
  bits?: number;
  color?: string | null;
  badges?: Badge[];
  emotes?: EmoteRange[];
}

/** What a parser makes of one line: a chat line, a line that is not chat (skipped), or junk (dropped). */
export type LineResult =
  | { kind: 'line'; line: PlainChatLine }
  | { kind: 'skipped'; reason: string }
  | { kind: 'dropped'; reason: string };

/**
 * What a message is matched by across logs of different kinds: a 53-bit hash (cyrb53) of its chatter's login, its
 * second (text logs keep seconds) and its text — a number, so an hour of a busy channel's keys stays small. Two
 * different messages share one with odds of about n² / 2⁵⁴ (n the messages of that channel in the hour).
 */
export function toSameMessageHash(login: string, ts: number, text: string): number {
  const key = `${login.toLowerCase()}\u0000${Math.floor(ts / 1000)}\u0000${text}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The id given to a chatter known only by login (text logs have no user ids). */
export function toLoginUserId(login: string): string {
  return `login:${login}`;
}

/**
 * Turns read lines into messages. Identical lines in the same millisecond (a chatter repeating themselves
 * within a second of a log with second resolution) get distinct ids by their order, so none is lost and a
 * re-import maps each to the same id again.
 */
export class PlainMessageMaker {
  #lastTs = Number.NaN;
  readonly #seen = new Map<string, number>();

  toMessage(line: PlainChatLine, channelId: string): ChatMessage {
    let id = line.id;
    if (id === undefined) {
      if (line.ts !== this.#lastTs) {
        this.#seen.clear();
        this.#lastTs = line.ts;
      }
      const key = `${channelId}\u0000${line.login}\u0000${line.text}`;
      const n = this.#seen.get(key) ?? 0;
      this.#seen.set(key, n + 1);
      id = `import-${createHash('sha1').update(`${key}\u0000${line.ts}\u0000${n}`).digest('hex').slice(0, 32)}`;
    }
    return {
      id,
      channelId,
      streamId: null,
      ts: line.ts,
      userId: line.userId ?? toLoginUserId(line.login),
      userLogin: line.login,
      displayName: line.displayName ?? line.login,
      text: line.text,
      isAction: line.isAction ?? false,
      bits: line.bits ?? 0,
      emotes: line.emotes ?? [],
      badges: line.badges ?? [],
      firstMsg: false,
      returningChatter: false,
      replyParentId: null,
      replyParentUserLogin: null,
      sourceChannelId: null,
      color: line.color ?? null,
      deletedAt: null,
    };
  }
}

const loginPattern = /^[A-Za-z0-9_]{1,25}$/;

/** Whether `value` can be a Twitch login (letters, digits, underscore; at most 25). */
export function isLogin(value: string): boolean {
  return loginPattern.test(value);
}

/** `text` without a final `\r`. */
export function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}
