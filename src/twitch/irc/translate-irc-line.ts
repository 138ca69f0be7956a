// The chat hot path: one IRC line from Twitch → a ChatMessage, a ChatEvent, a control line, or a drop with a
// stable reason. One pass with indexOf/charCodeAt: only the tags a record uses are sliced, values are unescaped
// only when they hold a backslash, and code points are counted only when there are emotes.

import type { ChatEvent, ChatMessage, HypeChatPayment } from '../../domain.ts';
import { parseBadges } from './parse-badges.ts';
import { parseEmoteRanges } from './parse-emote-ranges.ts';
import { findLineEnd, parseIrcLine, unescapeTagValue } from './parse-irc-line.ts';
import { toUserNoticeData } from './to-user-notice-data.ts';

/** What one IRC line becomes. */
export type IrcTranslation =
  | { kind: 'message'; message: ChatMessage } // PRIVMSG (channel chat)
  | { kind: 'event'; event: ChatEvent } // USERNOTICE, CLEARCHAT, CLEARMSG
  | { kind: 'control'; command: string; channel: string | null; params: string[]; tags: Record<string, string> }
  | { kind: 'dropped'; reason: string };

/** Maps channel logins to Twitch channel ids; filled from room-id tags as lines pass, read for lines that lack one. */
export type ChannelDirectory = Map<string, string>;

const PRIVMSG = 1;
const USERNOTICE = 2;
const CLEARCHAT = 3;
const CLEARMSG = 4;

// "\u0001ACTION " — the CTCP framing of /me. Twitch counts USERNOTICE emote positions from after the \u0001 only,
// i.e. with "ACTION " still in front (twitchdev/issues#175), hence the shift of its length there.
const ACTION_START = '\u0001ACTION ';
const USERNOTICE_ACTION_SHIFT = 'ACTION '.length;

/** The tags chat records read; undefined means missing or empty (IRCv3: the same thing). */
interface ChatTags {
  id: string | undefined;
  roomId: string | undefined;
  sourceRoomId: string | undefined;
  sourceMsgId: string | undefined;
  userId: string | undefined;
  login: string | undefined;
  displayName: string | undefined;
  color: string | undefined;
  badges: string | undefined;
  emotes: string | undefined;
  bits: string | undefined;
  firstMsg: boolean;
  returningChatter: boolean;
  replyParentMsgId: string | undefined;
  replyParentUserLogin: string | undefined;
  tmiSentTs: string | undefined;
  msgId: string | undefined;
  systemMsg: string | undefined;
  banDuration: string | undefined;
  targetUserId: string | undefined;
  targetMsgId: string | undefined;
  /** `rm-deleted=1`: the recent-messages service marks a message deleted since. */
  rmDeleted: boolean;
  paidAmount: string | undefined;
  paidCurrency: string | undefined;
  paidExponent: string | undefined;
  paidLevel: string | undefined;
  paidIsSystemMessage: boolean;
  /** Alternating msg-param-* keys and values, collected for USERNOTICE only. */
  params: string[] | null;
}

// One reusable tags record: translation is synchronous, and not allocating it per line spares the GC on the hot path.
const scratch: ChatTags = {
  id: undefined,
  roomId: undefined,
  sourceRoomId: undefined,
  sourceMsgId: undefined,
  userId: undefined,
  login: undefined,
  displayName: undefined,
  color: undefined,
  badges: undefined,
  emotes: undefined,
  bits: undefined,
  firstMsg: false,
  returningChatter: false,
  replyParentMsgId: undefined,
  replyParentUserLogin: undefined,
  tmiSentTs: undefined,
  msgId: undefined,
  systemMsg: undefined,
  banDuration: undefined,
  targetUserId: undefined,
  targetMsgId: undefined,
  rmDeleted: false,
  paidAmount: undefined,
  paidCurrency: undefined,
  paidExponent: undefined,
  paidLevel: undefined,
  paidIsSystemMessage: false,
  params: null,
};

function drop(reason: string): IrcTranslation {
  return { kind: 'dropped', reason };
}

function readValue(line: string, start: number, end: number): string {
  const raw = line.slice(start, end);
  return raw.indexOf('\\') === -1 ? raw : unescapeTagValue(raw);
}

/**
 * Stores one tag into `t` when it is one chat records use. Keys are matched in place (length, then startsWith)
 * rather than sliced: a PRIVMSG carries ~20 tags and most are skipped.
 */
function readTag(t: ChatTags, line: string, i: number, eq: number, semi: number): void {
  const v = eq + 1;
  if (t.params !== null && eq - i > 10 && line.startsWith('msg-param-', i)) {
    t.params.push(line.slice(i, eq), readValue(line, v, semi));
    return;
  }
  switch (eq - i) {
    case 2:
      if (line.startsWith('id', i)) t.id = readValue(line, v, semi);
      return;
    case 4:
      if (line.startsWith('bits', i)) t.bits = line.slice(v, semi);
      return;
    case 5:
      if (line.startsWith('color', i)) t.color = readValue(line, v, semi);
      else if (line.startsWith('login', i)) t.login = readValue(line, v, semi);
      return;
    case 6:
      if (line.startsWith('badges', i)) t.badges = readValue(line, v, semi);
      else if (line.startsWith('emotes', i)) t.emotes = line.slice(v, semi);
      else if (line.startsWith('msg-id', i)) t.msgId = readValue(line, v, semi);
      return;
    case 7:
      if (line.startsWith('room-id', i)) t.roomId = readValue(line, v, semi);
      else if (line.startsWith('user-id', i)) t.userId = readValue(line, v, semi);
      return;
    case 9:
      if (line.startsWith('first-msg', i)) t.firstMsg = semi - v === 1 && line.charCodeAt(v) === 49;
      return;
    case 10:
      if (line.startsWith('system-msg', i)) t.systemMsg = readValue(line, v, semi);
      else if (line.startsWith('rm-deleted', i)) t.rmDeleted = semi - v === 1 && line.charCodeAt(v) === 49;
      return;
    case 11:
      if (line.startsWith('tmi-sent-ts', i)) t.tmiSentTs = line.slice(v, semi);
      return;
    case 12:
      if (line.startsWith('display-name', i)) t.displayName = readValue(line, v, semi);
      else if (line.startsWith('ban-duration', i)) t.banDuration = line.slice(v, semi);
      return;
    case 13:
      if (line.startsWith('target-msg-id', i)) t.targetMsgId = readValue(line, v, semi);
      else if (line.startsWith('source-msg-id', i)) t.sourceMsgId = readValue(line, v, semi);
      return;
    case 14:
      if (line.startsWith('source-room-id', i)) t.sourceRoomId = readValue(line, v, semi);
      else if (line.startsWith('target-user-id', i)) t.targetUserId = readValue(line, v, semi);
      return;
    case 17:
      if (line.startsWith('returning-chatter', i)) t.returningChatter = semi - v === 1 && line.charCodeAt(v) === 49;
      return;
    case 19:
      if (line.startsWith('reply-parent-msg-id', i)) t.replyParentMsgId = readValue(line, v, semi);
      return;
    case 23:
      if (line.startsWith('reply-parent-user-login', i)) t.replyParentUserLogin = readValue(line, v, semi);
      else if (line.startsWith('pinned-chat-paid-amount', i)) t.paidAmount = line.slice(v, semi);
      return;
    case 22:
      if (line.startsWith('pinned-chat-paid-level', i)) t.paidLevel = readValue(line, v, semi);
      return;
    case 25:
      if (line.startsWith('pinned-chat-paid-currency', i)) t.paidCurrency = readValue(line, v, semi);
      else if (line.startsWith('pinned-chat-paid-exponent', i)) t.paidExponent = line.slice(v, semi);
      return;
    case 34:
      if (line.startsWith('pinned-chat-paid-is-system-message', i))
        t.paidIsSystemMessage = semi - v === 1 && line.charCodeAt(v) === 49;
      return;
  }
}

/** Reads the tags in `line[start, end)` that chat records use, skipping all others without slicing their values. */
function readChatTags(line: string, start: number, end: number, withParams: boolean): ChatTags {
  const t = scratch;
  t.id = undefined;
  t.roomId = undefined;
  t.sourceRoomId = undefined;
  t.sourceMsgId = undefined;
  t.userId = undefined;
  t.login = undefined;
  t.displayName = undefined;
  t.color = undefined;
  t.badges = undefined;
  t.emotes = undefined;
  t.bits = undefined;
  t.firstMsg = false;
  t.returningChatter = false;
  t.replyParentMsgId = undefined;
  t.replyParentUserLogin = undefined;
  t.tmiSentTs = undefined;
  t.msgId = undefined;
  t.systemMsg = undefined;
  t.banDuration = undefined;
  t.targetUserId = undefined;
  t.targetMsgId = undefined;
  t.rmDeleted = false;
  t.paidAmount = undefined;
  t.paidCurrency = undefined;
  t.paidExponent = undefined;
  t.paidLevel = undefined;
  t.paidIsSystemMessage = false;
  t.params = withParams ? [] : null;
  let i = start;
  let eq = -1;
  while (i < end) {
    let semi = line.indexOf(';', i);
    if (semi === -1 || semi > end) semi = end;
    // Remember the next '=' so that a run of value-less tags cannot make this loop quadratic.
    if (eq < i && eq !== -2) {
      eq = line.indexOf('=', i);
      if (eq === -1 || eq >= end) eq = -2;
    }
    // Skip value-less and empty-valued tags: IRCv3 treats `a=` like `a`.
    if (eq > i && eq < semi - 1) readTag(t, line, i, eq, semi);
    i = semi + 1;
  }
  return t;
}

/** Parses `value[start, end)` as a non-negative integer of at most 15 digits; -1 when it is anything else. */
function parseCount(value: string, start = 0, end = value.length): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/** The text without /me framing, or null when it is not an ACTION. A missing closing \u0001 is tolerated. */
function stripAction(text: string): string | null {
  if (!text.startsWith(ACTION_START)) return null;
  const end = text.charCodeAt(text.length - 1) === 1 ? text.length - 1 : text.length;
  return text.slice(ACTION_START.length, end);
}

/**
 * The display name as Twitch sent it, also with a trailing space (`CarvedTaleare\s`: kept, as Twitch shows it);
 * the login when it is missing or only whitespace.
 */
function toDisplayName(value: string | undefined, login: string): string {
  if (value === undefined || value.trim() === '') return login;
  return value;
}

/** A Hype Chat's payment from its `pinned-chat-paid-*` tags; null when the amount or currency is missing. */
function toPayment(t: ChatTags): HypeChatPayment | null {
  if (t.paidAmount === undefined || t.paidCurrency === undefined) return null;
  const amount = parseCount(t.paidAmount);
  if (amount < 0) return null;
  const exponent = t.paidExponent === undefined ? 0 : parseCount(t.paidExponent);
  return {
    amount,
    currency: t.paidCurrency,
    exponent: Math.max(exponent, 0),
    level: t.paidLevel ?? null,
    isSystemMessage: t.paidIsSystemMessage,
  };
}

// Recently seen channel logins: reusing the same string objects avoids a slice per line and lets the directory
// lookup use the string's cached hash.
const recentChannels: string[] = [];

function readChannel(line: string, start: number, end: number): string {
  const length = end - start;
  for (const known of recentChannels) {
    if (known.length === length && line.startsWith(known, start)) return known;
  }
  const channel = line.slice(start, end);
  if (recentChannels.length >= 16) recentChannels.pop();
  recentChannels.unshift(channel);
  return channel;
}

function resolveChannelId(
  roomId: string | undefined,
  channel: string,
  directory: ChannelDirectory,
): string | undefined {
  if (roomId === undefined) return directory.get(channel);
  if (directory.get(channel) !== roomId) directory.set(channel, roomId);
  return roomId;
}

function toChatMessage(
  t: ChatTags,
  login: string,
  channelId: string,
  ts: number,
  rawText: string | null,
): IrcTranslation {
  if (t.id === undefined) return drop('missing id tag');
  if (t.userId === undefined) return drop('missing user-id');
  if (login === '') return drop('missing login');
  if (rawText === null) return drop('missing text');
  const action = stripAction(rawText);
  const text = action ?? rawText;
  const bits = t.bits === undefined ? 0 : parseCount(t.bits);
  const message: ChatMessage = {
    id: t.id,
    channelId,
    streamId: null,
    ts,
    userId: t.userId,
    userLogin: login,
    displayName: toDisplayName(t.displayName, login),
    text,
    isAction: action !== null,
    bits: Math.max(bits, 0),
    emotes: t.emotes === undefined ? [] : parseEmoteRanges(t.emotes, text),
    badges: t.badges === undefined ? [] : parseBadges(t.badges),
    firstMsg: t.firstMsg,
    returningChatter: t.returningChatter,
    replyParentId: t.replyParentMsgId ?? null,
    replyParentUserLogin: t.replyParentUserLogin ?? null,
    sourceChannelId: t.sourceRoomId !== undefined && t.sourceRoomId !== channelId ? t.sourceRoomId : null,
    color: t.color ?? null,
    deletedAt: t.rmDeleted ? ts : null,
  };
  if (t.paidAmount !== undefined) message.paid = toPayment(t);
  return { kind: 'message', message };
}

function toUserNoticeEvent(t: ChatTags, channelId: string, ts: number, rawText: string | null): IrcTranslation {
  if (t.msgId === undefined) return drop('missing msg-id');
  if (t.id === undefined) return drop('missing id tag');
  const data = toUserNoticeData(t.params ?? []);
  if (t.systemMsg !== undefined) data.systemMsg = t.systemMsg;
  if (t.displayName !== undefined) data.userDisplayName = toDisplayName(t.displayName, '');
  if (t.sourceRoomId !== undefined && t.sourceRoomId !== channelId) data.sourceChannelId = t.sourceRoomId;
  if (t.sourceMsgId !== undefined) data.sourceMsgId = t.sourceMsgId;
  if (rawText !== null) {
    const action = stripAction(rawText);
    const text = action ?? rawText;
    data.text = text;
    if (action !== null) data.isAction = true;
    if (t.emotes !== undefined) {
      const emotes = parseEmoteRanges(t.emotes, text, action !== null ? USERNOTICE_ACTION_SHIFT : 0);
      if (emotes.length > 0) data.emotes = emotes;
    }
  }
  const event: ChatEvent = {
    id: t.id,
    channelId,
    streamId: null,
    ts,
    type: t.msgId,
    userId: t.userId ?? null,
    userLogin: t.login ?? null,
    data,
  };
  return { kind: 'event', event };
}

function toClearChatEvent(t: ChatTags, channelId: string, ts: number, target: string | null): IrcTranslation {
  let type = 'clear';
  const data: Record<string, unknown> = {};
  if (target !== null || t.targetUserId !== undefined) {
    type = 'ban';
    if (t.banDuration !== undefined) {
      const seconds = parseCount(t.banDuration);
      if (seconds < 0) return drop('bad ban-duration');
      type = 'timeout';
      data.durationSeconds = seconds;
    }
  }
  const subject = t.targetUserId ?? target ?? 'all';
  const event: ChatEvent = {
    id: `clearchat:${channelId}:${subject}:${ts}`,
    channelId,
    streamId: null,
    ts,
    type,
    userId: t.targetUserId ?? null,
    userLogin: target,
    data,
  };
  return { kind: 'event', event };
}

function toClearMsgEvent(t: ChatTags, channelId: string, ts: number, rawText: string | null): IrcTranslation {
  if (t.targetMsgId === undefined) return drop('missing target-msg-id');
  const action = rawText === null ? null : stripAction(rawText);
  const data: Record<string, unknown> = { targetMessageId: t.targetMsgId, text: action ?? rawText ?? '' };
  if (action !== null) data.isAction = true;
  const event: ChatEvent = {
    id: `clearmsg:${t.targetMsgId}`,
    channelId,
    streamId: null,
    ts,
    type: 'delete',
    userId: null,
    userLogin: t.login ?? null,
    data,
  };
  return { kind: 'event', event };
}

/** Everything that is not chat: parsed generically; a ROOMSTATE's room-id still feeds the directory. */
function toControl(line: string, directory: ChannelDirectory): IrcTranslation {
  const parsed = parseIrcLine(line);
  if (parsed === undefined) return drop('no command');
  let channel: string | null = null;
  for (const param of parsed.params) {
    if (param.length > 1 && param.charCodeAt(0) === 35) {
      channel = param.slice(1);
      break;
    }
  }
  const roomId = parsed.tags['room-id'];
  if (channel !== null && roomId !== undefined) resolveChannelId(roomId, channel, directory);
  return { kind: 'control', command: parsed.command, channel, params: parsed.params, tags: parsed.tags };
}

function translate(line: string, directory: ChannelDirectory): IrcTranslation {
  const end = findLineEnd(line);
  if (end === 0) return drop('empty line');
  let i = 0;
  let tagsEnd = -1;
  if (line.charCodeAt(0) === 64) {
    tagsEnd = line.indexOf(' ');
    if (tagsEnd === -1 || tagsEnd >= end) return drop('no command');
    i = tagsEnd + 1;
  }
  while (i < end && line.charCodeAt(i) === 32) i++;
  let prefixStart = -1;
  let prefixEnd = -1;
  if (line.charCodeAt(i) === 58) {
    prefixStart = i + 1;
    prefixEnd = line.indexOf(' ', i);
    if (prefixEnd === -1 || prefixEnd >= end) return drop('no command');
    i = prefixEnd + 1;
    while (i < end && line.charCodeAt(i) === 32) i++;
  }
  let commandEnd = line.indexOf(' ', i);
  if (commandEnd === -1 || commandEnd > end) commandEnd = end;
  const length = commandEnd - i;
  let kind = 0;
  if (length === 7 && line.startsWith('PRIVMSG', i)) kind = PRIVMSG;
  else if (length === 10 && line.startsWith('USERNOTICE', i)) kind = USERNOTICE;
  else if (length === 9 && line.startsWith('CLEARCHAT', i)) kind = CLEARCHAT;
  else if (length === 8 && line.startsWith('CLEARMSG', i)) kind = CLEARMSG;
  if (kind === 0) return toControl(line, directory);

  // Params: `#channel` then the text, normally trailing (`:…`) but Twitch sometimes sends a bare middle param.
  let p = commandEnd;
  while (p < end && line.charCodeAt(p) === 32) p++;
  if (line.charCodeAt(p) !== 35) return drop('missing channel');
  let channelEnd = line.indexOf(' ', p);
  if (channelEnd === -1 || channelEnd > end) channelEnd = end;
  if (channelEnd - p < 2) return drop('missing channel');
  const channel = readChannel(line, p + 1, channelEnd);
  p = channelEnd;
  while (p < end && line.charCodeAt(p) === 32) p++;
  let text: string | null = null;
  if (p < end) {
    if (line.charCodeAt(p) === 58) text = line.slice(p + 1, end);
    else {
      let space = line.indexOf(' ', p);
      if (space === -1 || space > end) space = end;
      text = line.slice(p, space);
    }
  }

  if (tagsEnd === -1) return drop('missing tags');
  const t = readChatTags(line, 1, tagsEnd, kind === USERNOTICE);
  const channelId = resolveChannelId(t.roomId, channel, directory);
  if (channelId === undefined) return drop('unknown channel');
  if (t.tmiSentTs === undefined) return drop('missing tmi-sent-ts');
  const ts = parseCount(t.tmiSentTs);
  if (ts < 0) return drop('bad tmi-sent-ts');

  if (kind === PRIVMSG) {
    let loginEnd = prefixStart;
    if (prefixStart >= 0) {
      while (loginEnd < prefixEnd && line.charCodeAt(loginEnd) !== 33) loginEnd++;
    }
    const login = prefixStart >= 0 ? line.slice(prefixStart, loginEnd) : '';
    return toChatMessage(t, login, channelId, ts, text);
  }
  if (kind === USERNOTICE) return toUserNoticeEvent(t, channelId, ts, text);
  if (kind === CLEARCHAT) return toClearChatEvent(t, channelId, ts, text);
  return toClearMsgEvent(t, channelId, ts, text);
}

/** Translates one raw IRC line (CRLF optional); never throws — anything unusable comes back `dropped` with a reason. */
export function translateIrcLine(line: string, directory: ChannelDirectory): IrcTranslation {
  try {
    return translate(line, directory);
  } catch {
    // Unreachable by design (the fuzz test checks it); a bad line must never stop ingestion.
    return drop('parser error');
  }
}
