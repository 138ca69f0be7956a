// justlog / rustlog plain-text logs (their `/channel/…` text responses and files): one line per record,
// `[2023-01-01 12:34:56] #channel login: message` in UTC; records without a user (subs, timeouts, clears) are
// `[2023-01-01 12:34:56] #channel system text` and are skipped, counted.

import { isLogin, type LineResult, withoutCr } from './plain-chat-line.ts';

const prefix = /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\] #([^ ]+) /;

/** Whether the line has the justlog shape (a chat or a system line). */
export function isJustlogLine(line: string): boolean {
  return prefix.test(line) && line.charCodeAt(line.indexOf(' #') + 1) === 35;
}

/** Reads one justlog/rustlog text line. */
export function parseJustlogLine(raw: string): LineResult {
  const line = withoutCr(raw);
  const m = prefix.exec(line);
  if (m === null) return { kind: 'dropped', reason: 'not a justlog line' };
  const ts = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (!Number.isFinite(ts)) return { kind: 'dropped', reason: 'bad timestamp' };
  const rest = line.slice(m[0].length);
  const colon = rest.indexOf(': ');
  const login = colon > 0 ? rest.slice(0, colon) : '';
  if (!isLogin(login)) return { kind: 'skipped', reason: 'system line' };
  return {
    kind: 'line',
    line: { channel: m[7]!.toLowerCase(), ts, login: login.toLowerCase(), text: rest.slice(colon + 2) },
  };
}
