// Chatterino's chat logs (Settings → Logs): one file per channel and day, `<channel>-<yyyy-MM-dd>.log`, opened
// with `# Start logging at 2023-01-01 12:00:00 CET`; a line is `[HH:mm:ss] <localized name> <login>: <message>`
// (the localized name only for names in other scripts, else empty: two spaces), system lines have no login. Times
// are the logging computer's local time: the importer reads them in the importing process's time zone (set `TZ`).

import { isLogin, type LineResult, withoutCr } from './plain-chat-line.ts';

const timePattern = /^\[(\d{2}):(\d{2}):(\d{2})\] /;
const startPattern = /^# (?:Start|Stop) logging at (\d{4})-(\d{2})-(\d{2}) /;
const fileNamePattern = /(?:^|[/\\])([A-Za-z0-9_]{1,25})-(\d{4})-(\d{2})-(\d{2})\.log(?:\.gz)?$/;

/** Whether the line has the Chatterino shape (a message, a system line or the logging header). */
export function isChatterinoLine(line: string): boolean {
  return timePattern.test(line) || startPattern.test(line);
}

/** The channel and day a Chatterino log file is named after (`forsen-2023-01-01.log`). */
export function readChatterinoFileName(path: string): { channel: string; date: [number, number, number] } | undefined {
  const m = fileNamePattern.exec(path);
  if (m === null) return undefined;
  return { channel: m[1]!.toLowerCase(), date: [Number(m[2]), Number(m[3]), Number(m[4])] };
}

/** Reads one Chatterino line of a file about `channel` on local day `date` ([y, m, d]). */
export function parseChatterinoLine(raw: string, channel: string, date: [number, number, number]): LineResult {
  const line = withoutCr(raw);
  if (line.startsWith('#')) return { kind: 'skipped', reason: 'logging header' };
  const m = timePattern.exec(line);
  if (m === null) return { kind: 'dropped', reason: 'not a Chatterino line' };
  const ts = new Date(date[0], date[1] - 1, date[2], Number(m[1]), Number(m[2]), Number(m[3])).getTime();
  if (!Number.isFinite(ts)) return { kind: 'dropped', reason: 'bad timestamp' };
  const rest = line.slice(m[0].length);
  const colon = rest.indexOf(': ');
  if (colon <= 0) return { kind: 'skipped', reason: 'system line' };
  const head = rest.slice(0, colon).trim();
  const space = head.lastIndexOf(' ');
  const login = head.slice(space + 1);
  if (!isLogin(login)) return { kind: 'skipped', reason: 'system line' };
  const localized = space > 0 ? head.slice(0, space).trim() : '';
  return {
    kind: 'line',
    line: {
      channel,
      ts,
      login: login.toLowerCase(),
      displayName: localized === '' ? login : localized,
      text: rest.slice(colon + 2),
    },
  };
}
