// General IRCv3 line parsing (tags, prefix, command, params) for the lines that are not on the chat hot path,
// plus the tag-value unescaping shared with the hot-path scanner.

/** One IRC line split into its parts; tag values are unescaped and empty values are left out. */
export interface IrcMessage {
  tags: Record<string, string>;
  /** The prefix without its leading `:`, e.g. `nick!user@host` or `tmi.twitch.tv`. */
  prefix: string | null;
  /** Upper-cased command or three-digit numeric. */
  command: string;
  params: string[];
}

/** Undoes IRCv3 tag escaping: `\:` `\s` `\\` `\r` `\n`; a lone trailing `\` is dropped, `\x` becomes `x`. */
export function unescapeTagValue(raw: string): string {
  let i = raw.indexOf('\\');
  if (i === -1) return raw;
  let out = '';
  let from = 0;
  while (i !== -1) {
    out += raw.slice(from, i);
    const next = raw.charCodeAt(i + 1);
    if (next === 58) out += ';';
    else if (next === 115) out += ' ';
    else if (next === 92) out += '\\';
    else if (next === 114) out += '\r';
    else if (next === 110) out += '\n';
    else if (i + 1 < raw.length) out += raw[i + 1]; // a lone trailing backslash adds nothing
    from = i + 2;
    i = from < raw.length ? raw.indexOf('\\', from) : -1;
  }
  return from < raw.length ? out + raw.slice(from) : out;
}

/** Index just past the last character of the line, ignoring a trailing CR, LF or CRLF. */
export function findLineEnd(line: string): number {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Whether `line[start, end)` is a valid command: letters, or exactly three digits. */
export function isValidCommand(line: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const first = line.charCodeAt(start);
  if (first >= 48 && first <= 57) {
    if (end - start !== 3) return false;
    for (let i = start; i < end; i++) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i) | 32; // fold to lower case
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Parses the tag section `a=b;c=d` (without `@`); keys without a value are left out, as IRCv3 says. */
export function parseTags(raw: string): Record<string, string> {
  // No prototype: tag keys are untrusted and may be `__proto__`.
  const tags = Object.create(null) as Record<string, string>;
  let i = 0;
  while (i < raw.length) {
    let semi = raw.indexOf(';', i);
    if (semi === -1) semi = raw.length;
    const eq = raw.indexOf('=', i);
    if (eq !== -1 && eq < semi - 1 && eq > i) tags[raw.slice(i, eq)] = unescapeTagValue(raw.slice(eq + 1, semi));
    i = semi + 1;
  }
  return tags;
}

/** Parses one IRC line; undefined when it has no valid command (empty, truncated or junk). */
export function parseIrcLine(line: string): IrcMessage | undefined {
  const end = findLineEnd(line);
  let i = 0;
  let tags = Object.create(null) as Record<string, string>;
  if (line.charCodeAt(0) === 64) {
    const space = line.indexOf(' ');
    if (space === -1 || space >= end) return undefined;
    tags = parseTags(line.slice(1, space));
    i = space + 1;
  }
  while (line.charCodeAt(i) === 32) i++;
  let prefix: string | null = null;
  if (line.charCodeAt(i) === 58) {
    let space = line.indexOf(' ', i);
    if (space === -1 || space > end) space = end;
    prefix = line.slice(i + 1, space);
    i = space;
    while (line.charCodeAt(i) === 32) i++;
  }
  let commandEnd = line.indexOf(' ', i);
  if (commandEnd === -1 || commandEnd > end) commandEnd = end;
  if (!isValidCommand(line, i, commandEnd)) return undefined;
  const command = line.slice(i, commandEnd).toUpperCase();
  const params: string[] = [];
  i = commandEnd;
  while (i < end) {
    while (i < end && line.charCodeAt(i) === 32) i++;
    if (i >= end) break;
    if (line.charCodeAt(i) === 58) {
      params.push(line.slice(i + 1, end));
      break;
    }
    let space = line.indexOf(' ', i);
    if (space === -1 || space > end) space = end;
    params.push(line.slice(i, space));
    i = space;
  }
  return { tags, prefix, command, params };
}
