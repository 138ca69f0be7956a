// Which chat log format a file is in, from its first lines (the name only helps Chatterino logs to a date).

import { isChatterinoLine } from './formats/parse-chatterino-line.ts';
import { readCsvHeader } from './formats/parse-csv-line.ts';
import { isJustlogJsonDocument, isJustlogJsonLine } from './formats/parse-justlog-json.ts';
import { isJustlogLine } from './formats/parse-justlog-line.ts';

export const chatFormats = ['irc', 'justlog', 'justlog-json', 'chatterino', 'twitchdownloader', 'csv'] as const;
export type ChatFormat = (typeof chatFormats)[number];

/** One line per format, for messages and `--help`. */
export const chatFormatDescriptions: Record<ChatFormat, string> = {
  irc: 'raw Twitch IRC lines (@tags :user!user@… PRIVMSG #channel :text), also behind a [timestamp]',
  justlog: 'justlog/rustlog text: [2023-01-01 12:34:56] #channel user: message',
  'justlog-json': 'justlog/rustlog JSON ({"messages":[{"raw":"@…PRIVMSG…",…}]}, or rustlog NDJSON: one message a line)',
  chatterino: 'Chatterino logs: [12:34:56] user: message, in files named channel-2023-01-01.log',
  twitchdownloader: 'TwitchDownloader chat JSON ({"streamer":…,"video":…,"comments":[…]})',
  csv: 'CSV with a header row: timestamp,channel,user,message (and optional id,user_id,display_name,channel_id,bits)',
};

function isIrcLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 64 /* @ */ || c === 58 /* : */) return line.includes(' ');
  if (line.startsWith('PING ')) return true;
  // A logger's timestamp in front of a raw line.
  const close = line.indexOf('] ');
  return (
    c === 91 && close > 0 && close < 40 && (line.charCodeAt(close + 2) === 64 || line.charCodeAt(close + 2) === 58)
  );
}

/** The format of a file from its first bytes (decoded), or undefined when it is in none streamlens reads. */
export function detectChatFormat(sample: string): ChatFormat | undefined {
  const text = sample.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text)) {
    if (isJustlogJsonDocument(text)) return 'justlog-json';
    if (/"comments"\s*:|"streamer"\s*:|"FileInfo"\s*:|"video"\s*:/.test(text.slice(0, 1 << 16)))
      return 'twitchdownloader';
    return isJustlogJsonLine(text.split(/\r?\n/, 1)[0]!) ? 'justlog-json' : undefined;
  }
  const lines = text
    // A line ends at LF, CRLF or a lone CR, as the reader splits them.
    .split(/\r\n|\r|\n/)
    .slice(0, 200)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return undefined;
  if (readCsvHeader(lines[0]!) !== undefined) return 'csv';
  const votes: Record<string, number> = {};
  for (const line of lines.slice(0, 50)) {
    const format = isIrcLine(line)
      ? 'irc'
      : isJustlogLine(line)
        ? 'justlog'
        : isChatterinoLine(line)
          ? 'chatterino'
          : null;
    if (format) votes[format] = (votes[format] ?? 0) + 1;
  }
  const best = Object.entries(votes).sort((a, b) => b[1] - a[1])[0];
  // At least half of the lines looked at must be of the format: a text file with one odd line is not a log.
  if (!best || best[1] * 2 < Math.min(lines.length, 50)) return undefined;
  return best[0] as ChatFormat;
}
