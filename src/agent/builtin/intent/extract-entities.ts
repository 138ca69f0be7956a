// The things a question names, read before its intent: a moment in a stream (1:20, 52:00, 1h20m, minute 80),
// which stream (last, previous, live, a date, an id, "3 streams ago"), a period (last month, this week, the
// last 30 days, in November), and a channel (a recorded login, or one named that is not recorded).

/** Which stream a question is about. */
export type StreamRef =
  | { kind: 'last' }
  | { kind: 'previous' }
  | { kind: 'live' }
  | { kind: 'ago'; n: number }
  | { kind: 'day'; day: string }
  | { kind: 'id'; id: string };

/** A span of time, [from, to) in epoch ms, with the words that name it. */
export interface Period {
  from: number;
  to: number;
  label: string;
}

export interface Entities {
  /** A moment from the start of the stream, in ms. */
  offsetMs: number | null;
  /** The streams named, in the order they appear ("last stream vs the one before" → last, previous). */
  streams: StreamRef[];
  /** The first period named (what "last month" or "in November" means here). */
  period: Period | null;
  /** Every distinct period named, in order ("this month compared to last month" → this month, last month). */
  periods: Period[];
  /** A recorded channel's login named in the question. */
  channelLogin: string | null;
  /** A channel named that is not recorded ("bob's channel", "@bob" when no bob is recorded). */
  unknownChannel: string | null;
}

/** A recorded channel, as the question may name it. */
export interface KnownChannel {
  login: string;
  displayName: string;
}

const DAY = 86_400_000;
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthPattern = months.map((m) => m.slice(0, 3)).join('|');
const notNames = new Set([
  'my',
  'your',
  'our',
  'the',
  'this',
  'that',
  'last',
  'latest',
  'today',
  'yesterday',
  'tonight',
  'week',
  'month',
  'year',
  'stream',
  'streams',
  'everyone',
  'chat',
  'twitch',
  'previous',
  'tomorrow',
  'friday',
  'saturday',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'night',
  "today's",
  'it',
  'what',
  'who',
]);

/** Lower case, curly quotes made straight, spaces collapsed. */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything `question` names; `now` anchors "last month", "yesterday". */
export function extractEntities(question: string, now: number, channels: readonly KnownChannel[] = []): Entities {
  const q = normalizeQuestion(question);
  const channel = toChannel(q, channels);
  return {
    offsetMs: toOffsetInQuestion(q),
    streams: toStreamRefs(q, now),
    period: toPeriod(q, now),
    periods: toPeriods(q, now),
    channelLogin: channel.login,
    unknownChannel: channel.unknown,
  };
}

/**
 * A moment in a question: "1:20" (h:mm), "52:00" (mm:ss when the first number is 10 or more), "1:20:05",
 * "1h20m", "1 hour 20", "80 minutes", "minute 80", "an hour in", "half an hour in".
 */
export function toOffsetInQuestion(q: string): number | null {
  const clock = q.match(/(?<![\d:-])(\d{1,3}):(\d{2})(?::(\d{2}))?(?![\d:])(?!\s*(?:am|pm|utc))/);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    if (c !== null) return ((a * 60 + b) * 60 + c) * 1000;
    return a >= 10 ? (a * 60 + b) * 1000 : (a * 60 + b) * 60_000;
  }
  const hm = q.match(/\b(\d{1,2})\s*(?:h|hr|hrs|hours?)\b\s*(?:and\s*)?(?:(\d{1,2})\s*(?:m|min|mins|minutes?)?\b)?/);
  if (hm) return (Number(hm[1]) * 60 + Number(hm[2] ?? 0)) * 60_000;
  const compact = q.match(/\b(\d{1,2})h(\d{1,2})m?\b/);
  if (compact) return (Number(compact[1]) * 60 + Number(compact[2])) * 60_000;
  const minutes =
    q.match(/\b(\d{1,3})\s*(?:m|min|mins|minutes?)\b(?!\s*(?:of|long|stream))/) ?? q.match(/\bminute\s*(\d{1,3})\b/);
  if (minutes) return Number(minutes[1]) * 60_000;
  if (/\bhalf an hour in\b/.test(q)) return 30 * 60_000;
  // "what happened at the start?": its first minutes.
  if (/\b(at|in|during) the (very )?(start|beginning)\b|\bat the start of\b/.test(q)) return 0;
  if (/\ban hour in\b/.test(q)) return 60 * 60_000;
  return null;
}

/** The streams a question names, in order of appearance. */
export function toStreamRefs(q: string, now: number): StreamRef[] {
  const found: { at: number; ref: StreamRef }[] = [];
  const add = (re: RegExp, toRef: (m: RegExpMatchArray) => StreamRef | null) => {
    for (const m of q.matchAll(new RegExp(re.source, 'g'))) {
      const ref = toRef(m);
      if (ref && !found.some((f) => Math.abs(f.at - (m.index ?? 0)) < 3)) found.push({ at: m.index ?? 0, ref });
    }
  };
  add(/\blast (two|2) streams\b/, () => ({ kind: 'previous' }));
  if (/\blast (two|2) streams\b/.test(q))
    found.push({ at: q.search(/\blast (two|2) streams\b/) + 1, ref: { kind: 'last' } });
  add(/\b(\d{1,2}|two|three|four|five) streams ago\b/, (m) => ({ kind: 'ago', n: toCount(m[1]!) }));
  add(
    /\b(previous|prior|earlier) (stream|broadcast|one)|\bthe one before|\bstream before (that|last|the last)|\bsecond[- ]to[- ]last|\bbefore that\b/,
    () => ({ kind: 'previous' }),
  );
  add(
    /\b(last|latest|most recent|recent|final|my last|newest)\b(?! (two|2|\d+|month|week|year|days?|weeks|months))(?= (stream|broadcast|live|session|one|night|time))|\blast night\b|\blast stream\b/,
    () => ({ kind: 'last' }),
  );
  add(
    /\b(this|current|today's|ongoing) (stream|broadcast)\b|\bright now\b|\bstill live\b|\bcurrently live\b|\bso far\b/,
    () => ({ kind: 'live' }),
  );
  add(/\b(\d{4}-\d{2}-\d{2})\b/, (m) => ({ kind: 'day', day: m[1]! }));
  add(new RegExp(`\\b(?:on )?(${monthPattern})[a-z]* (\\d{1,2})(?:st|nd|rd|th)?\\b`), (m) =>
    toMonthDay(m[1]!, m[2]!, now),
  );
  add(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${monthPattern})[a-z]*\\b`), (m) =>
    toMonthDay(m[2]!, m[1]!, now),
  );
  add(/\byesterday/, () => ({ kind: 'day', day: new Date(now - DAY).toISOString().slice(0, 10) }));
  // "saturday's stream", "on saturday", "last friday": the most recent such day (plural "saturdays" is a schedule).
  add(
    new RegExp(`\\b(?:${weekdays.join('|')})'s\\b|\\b(?:on|last|this past|past) (?:${weekdays.join('|')})\\b(?!s)`),
    (m) => {
      const day = weekdays.findIndex((d) => m[0].includes(d));
      const today = new Date(now).getUTCDay();
      // "last monday" on a Monday is a week ago; "on monday" is today.
      const back = (today - day + 7) % 7 || (/^(last|this past|past) /.test(m[0]) ? 7 : 0);
      return { kind: 'day', day: new Date(now - back * DAY).toISOString().slice(0, 10) };
    },
  );
  add(/\bstream (?:id )?["'`]?([a-z0-9]*[\d_-][a-z0-9_-]*)/, (m) =>
    /^\d{4}-/.test(m[1]!) ? null : { kind: 'id', id: m[1]! },
  );
  const refs = found.sort((a, b) => a.at - b.at).map((f) => f.ref);
  // "this stream … so far" names one stream twice.
  return refs.filter((ref, i) => refs.findIndex((r) => JSON.stringify(r) === JSON.stringify(ref)) === i);
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function toCount(word: string): number {
  const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };
  return words[word] ?? Number(word);
}

function toMonthDay(month: string, day: string, now: number): StreamRef | null {
  const m = months.findIndex((name) => name.startsWith(month.slice(0, 3)));
  const d = Number(day);
  if (m < 0 || d < 1 || d > 31) return null;
  const year = new Date(now).getUTCFullYear();
  let ts = Date.UTC(year, m, d);
  if (ts > now) ts = Date.UTC(year - 1, m, d);
  return { kind: 'day', day: new Date(ts).toISOString().slice(0, 10) };
}

/** The period a question names: last/this month/week/year, the last N days/weeks/months, a month by name, today. */
export function toPeriod(q: string, now: number): Period | null {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const today = Date.UTC(y, mo, d.getUTCDate());
  const monday = today - ((d.getUTCDay() + 6) % 7) * DAY;
  const monthName = (ts: number) =>
    new Date(ts).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const lastN = q.match(/\b(?:last|past|previous) (\d{1,3}|two|three|four|five|six) (days?|weeks?|months?)\b/);
  if (lastN) {
    const n = toCount(lastN[1]!);
    const unit = lastN[2]!.startsWith('day') ? DAY : lastN[2]!.startsWith('week') ? 7 * DAY : 30 * DAY;
    return { from: now - n * unit, to: now, label: `the last ${n} ${lastN[2]!.replace(/s$/, '')}s` };
  }
  if (/\b(last|previous|past) month\b/.test(q)) {
    const from = Date.UTC(y, mo - 1, 1);
    return { from, to: Date.UTC(y, mo, 1), label: monthName(from) };
  }
  if (/\bthis month\b/.test(q)) return { from: Date.UTC(y, mo, 1), to: now, label: `this month (${monthName(now)})` };
  if (/\b(last|previous|past) week\b/.test(q))
    return { from: monday - 7 * DAY, to: monday, label: `last week (from ${iso(monday - 7 * DAY)})` };
  if (/\bthis week\b/.test(q)) return { from: monday, to: now, label: `this week (from ${iso(monday)})` };
  if (/\b(last|previous|past) year\b/.test(q))
    return { from: Date.UTC(y - 1, 0, 1), to: Date.UTC(y, 0, 1), label: String(y - 1) };
  if (/\bthis year\b/.test(q)) return { from: Date.UTC(y, 0, 1), to: now, label: String(y) };
  if (/\btoday\b/.test(q)) return { from: today, to: now, label: `today (${iso(today)})` };
  const named = q.match(new RegExp(`\\b(?:in|during|for|of) (${months.join('|')})\\b(?: (\\d{4}))?`));
  if (named) {
    const m = months.indexOf(named[1]!);
    let year = named[2] ? Number(named[2]) : y;
    if (!named[2] && Date.UTC(year, m, 1) > now) year--;
    const from = Date.UTC(year, m, 1);
    return { from, to: Date.UTC(year, m + 1, 1), label: monthName(from) };
  }
  return null;
}

/**
 * Every distinct period a question names, in order: the question is split where one period is set against
 * another ("compared to", "vs", "than", "and", a comma), and "month over month" / "week over week" name the
 * last one and this one.
 */
export function toPeriods(q: string, now: number): Period[] {
  const over = q.match(/\b(month|week|year)[ -](?:over|on|to)[ -]\1\b/);
  const parts = over
    ? [`last ${over[1]}`, `this ${over[1]}`]
    : q.split(
        /\b(?:compared? (?:to|with)|comparing|vs\.?|versus|than|against|and|or|with)\b|\bto\b(?= (?:last|this|previous|past|today)\b)|[,;]/,
      );
  const found: Period[] = [];
  for (const part of parts) {
    // Set against another period, a bare month names one ("october vs september"); "may" only with a year.
    const bare = part.match(new RegExp(`\\b(${months.join('|')})\\b(?: (\\d{4}))?`));
    const p =
      toPeriod(part, now) ??
      (bare && (bare[1] !== 'may' || bare[2]) && parts.length > 1 ? toPeriod(`in ${bare[0]}`, now) : null);
    if (p && !found.some((f) => f.from === p.from && f.to === p.to)) found.push(p);
  }
  return found;
}

const iso = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** A recorded channel named by login or display name; else a channel the question names that is not recorded. */
function toChannel(q: string, channels: readonly KnownChannel[]): { login: string | null; unknown: string | null } {
  const words = new Set(q.split(/[^a-z0-9_]+/).filter(Boolean));
  const known = channels.find((c) => words.has(c.login.toLowerCase()) || words.has(c.displayName.toLowerCase()));
  if (known) return { login: known.login, unknown: null };
  const named =
    q.match(/@([a-z0-9_]{3,25})\b/) ??
    q.match(
      /\b([a-z0-9_]{3,25})'s (?:(?:last|latest|previous|recent|most recent|first|best|next) )?(?:channel|streams?|broadcasts?|chat|viewers|chatters|vods?)\b/,
    );
  const name = named?.[1];
  if (name && !notNames.has(name) && !/^(is|was|has|had|do|does|did)$/.test(name))
    return { login: null, unknown: name };
  return { login: null, unknown: null };
}
