// justlog / rustlog JSON logs (their API with `?json`: `{"messages":[…]}`; rustlog's `?ndjson`: one message per
// line). justlog's messages and rustlog's full ones carry the raw IRC line (`raw`), which is read as raw IRC —
// every tag kept. Messages without it (rustlog's basic ones: text, displayName, timestamp, id, tags) become plain
// chat lines, the channel and user ids taken from their tags. Shapes: gempir/justlog `api/server.go` chatMessage,
// boring-nick/rustlog `src/logs/schema/message/{basic,full}.rs`.

import { isLogin, type LineResult } from './plain-chat-line.ts';

/** One JSON message: its raw IRC line when it has one, else what it reads as. */
export type JustlogJsonMessage = { kind: 'irc'; raw: string } | { kind: 'plain'; result: LineResult };

/** Whether a file's first bytes are a justlog/rustlog JSON document (`{"messages":[…`), not NDJSON. */
export function isJustlogJsonDocument(head: string): boolean {
  return /^\s*\{\s*"messages"\s*:\s*\[/.test(head);
}

/** One NDJSON line as an object, or undefined when it is none. */
export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a line is one rustlog NDJSON message: an object with a timestamp and a text or raw line. */
export function isJustlogJsonLine(line: string): boolean {
  const o = parseJsonObject(line);
  return o !== undefined && typeof o.timestamp === 'string' && ('text' in o || 'raw' in o);
}

/** go-twitch-irc's MessageType of a PRIVMSG (justlog and rustlog write it as `type`). */
const privmsgType = 1;

export function readJustlogJsonMessage(m: Record<string, unknown>): JustlogJsonMessage {
  if (typeof m.raw === 'string' && m.raw.trim() !== '') return { kind: 'irc', raw: m.raw.trim() };
  if (typeof m.type === 'number' && m.type !== privmsgType)
    return { kind: 'plain', result: { kind: 'skipped', reason: 'system message' } };
  const tags = (typeof m.tags === 'object' && m.tags !== null ? m.tags : {}) as Record<string, unknown>;
  const tag = (name: string) =>
    typeof tags[name] === 'string' && tags[name] !== '' ? (tags[name] as string) : undefined;
  // A sub, raid or timeout has no text of the user's own, only a system text.
  if (typeof m.systemText === 'string' && m.systemText !== '' && !m.text)
    return { kind: 'plain', result: { kind: 'skipped', reason: 'system message' } };
  const ts = typeof m.timestamp === 'string' ? Date.parse(m.timestamp) : Number.NaN;
  if (!Number.isFinite(ts)) return { kind: 'plain', result: { kind: 'dropped', reason: 'bad timestamp' } };
  const text = typeof m.text === 'string' ? m.text : '';
  if (text === '') return { kind: 'plain', result: { kind: 'dropped', reason: 'empty message' } };
  const displayName = typeof m.displayName === 'string' && m.displayName !== '' ? m.displayName : undefined;
  // rustlog's basic messages name no user login: a display name that is one (most are) stands in.
  const login = (
    typeof m.username === 'string' && m.username !== '' ? m.username : (tag('login') ?? displayName ?? '')
  ).toLowerCase();
  if (!isLogin(login)) return { kind: 'plain', result: { kind: 'dropped', reason: 'no user login' } };
  const channel = typeof m.channel === 'string' ? m.channel.toLowerCase() : '';
  const channelId = tag('room-id');
  if (channel === '' && channelId === undefined)
    return { kind: 'plain', result: { kind: 'dropped', reason: 'no channel' } };
  const id = typeof m.id === 'string' && m.id !== '' ? m.id : tag('id');
  return {
    kind: 'plain',
    result: {
      kind: 'line',
      line: {
        channel,
        channelId,
        ts,
        login,
        displayName,
        userId: tag('user-id'),
        id,
        text,
        color: tag('color') ?? null,
      },
    },
  };
}
