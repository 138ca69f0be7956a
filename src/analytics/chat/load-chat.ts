// Chat lines of one stream for the questions that read text (community, questions, emotes, sentiment).

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '../../store/store.ts';

export interface StreamChatLine {
  id: string;
  ts: number;
  userId: string;
  userLogin: string;
  text: string;
  emotes: string | null;
  badges: string | null;
  replyParentId: string | null;
  replyParentUserLogin: string | null;
}

/** Chat loaded inside a `shareStreamChat` scope, by store and range: the report's sections read it once. */
const sharedChat = new AsyncLocalStorage<WeakMap<Store, Map<string, Promise<StreamChatLine[]>>>>();

/**
 * Runs `work` so that every `loadStreamChat` of the same stream and range inside it shares one load (the report
 * asks community, questions, emotes and sentiment at once; each used to load the whole chat). Nothing outlives
 * the scope, so a later call sees chat written since.
 */
export function shareStreamChat<T>(work: () => Promise<T>): Promise<T> {
  return sharedChat.run(new WeakMap(), work);
}

/** All chat of a stream, oldest first. Callers must not change the lines (a scope shares them). */
export function loadStreamChat(
  store: Store,
  s: { id: string; channelId: string; startedAt: number; endTs: number },
): Promise<StreamChatLine[]> {
  const scope = sharedChat.getStore();
  if (!scope) return queryStreamChat(store, s);
  const byRange = scope.get(store) ?? new Map<string, Promise<StreamChatLine[]>>();
  scope.set(store, byRange);
  const key = `${s.channelId}\u0000${s.id}\u0000${s.startedAt}\u0000${s.endTs}`;
  let chat = byRange.get(key);
  if (!chat) {
    chat = queryStreamChat(store, s);
    byRange.set(key, chat);
  }
  return chat;
}

async function queryStreamChat(
  store: Store,
  s: { id: string; channelId: string; startedAt: number; endTs: number },
): Promise<StreamChatLine[]> {
  const rows = await store.all<{
    id: string;
    ts: number;
    user_id: string;
    user_login: string;
    text: string;
    emotes: string | null;
    badges: string | null;
    reply_parent_id: string | null;
    reply_parent_user_login: string | null;
  }>(
    `SELECT id, ts, user_id, user_login, text, emotes, badges, reply_parent_id, reply_parent_user_login FROM chat_messages
     WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ? ORDER BY ts`,
    [s.channelId, s.startedAt, s.endTs, s.id],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: Number(r.ts),
    userId: r.user_id,
    userLogin: r.user_login,
    text: r.text,
    emotes: r.emotes,
    badges: r.badges,
    replyParentId: r.reply_parent_id,
    replyParentUserLogin: r.reply_parent_user_login,
  }));
}

/** The broadcaster (their user id is the channel id, or the badge says so) or a moderator. */
export function isStaff(line: Pick<StreamChatLine, 'userId' | 'badges'>, channelId: string): boolean {
  return line.userId === channelId || /(^|,)(broadcaster|moderator)\//.test(line.badges ?? '');
}

/** The words of a line's text (runs of letters, digits and `_`), folded to lower case: read once per line. */
const lineWords = new WeakMap<object, Set<string>>();
const nonWord = /[^\p{L}\p{N}_]+/u;
/** Lower case, and the two characters whose case folding reaches ASCII (ſ → s, K → k), as the `iu` flags fold. */
const fold = (word: string) => word.toLowerCase().replace(/ſ/g, 's');

/**
 * Whether `line` answers `login`: a reply to them, or an @mention / their name as a word. A name is a word of
 * the line (no RegExp per call: compiling one per chatter and line was a sixth of a report).
 */
export function addresses(line: Pick<StreamChatLine, 'text' | 'replyParentUserLogin'>, login: string): boolean {
  if (line.replyParentUserLogin?.toLowerCase() === login.toLowerCase()) return true;
  const name = fold(login.replace(/[^\p{L}\p{N}_]/gu, ''));
  // A login with no letters or digits (never a Twitch login): the pattern it always was, edges and all.
  if (name === '') return /(^|[^\p{L}\p{N}_])@?($|[^\p{L}\p{N}_])/u.test(line.text);
  let words = lineWords.get(line);
  if (!words) {
    words = new Set(line.text.split(nonWord).map(fold));
    lineWords.set(line, words);
  }
  return words.has(name);
}
