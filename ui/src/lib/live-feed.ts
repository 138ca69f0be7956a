// The Live page's state as a pure reducer: the snapshot from /api/live, then each server-sent event applied in
// order. Lists are capped so a long stream never grows the page without bound.

import {
  chatFamily,
  countSubs,
  eventSubFamily,
  type ReportedTwiceFamily,
} from '../../../src/analytics/events/event-families.ts';

export interface LiveChatLine {
  id: string;
  ts: number;
  userLogin: string;
  displayName: string;
  text: string;
  firstMsg: boolean;
  bits: number;
}
export interface LiveEventLine {
  id: string;
  ts: number;
  type: string;
  userLogin: string | null;
  data?: Record<string, unknown>;
}
export interface LiveTranscriptLine {
  id: string;
  startTs: number;
  text: string;
  confidence: number;
}
export interface LiveCounters {
  messages: number;
  chatters: number;
  follows: number;
  subs: number;
  bits: number;
}
export interface LiveStreamState {
  streamId: string;
  channelId: string;
  channelLogin: string | null;
  displayName: string | null;
  title: string;
  gameName: string | null;
  startedAt: number;
  viewers: number | null;
  counters: LiveCounters;
  chat: LiveChatLine[];
  events: LiveEventLine[];
  transcript: LiveTranscriptLine[];
  highlights: Record<string, unknown>[];
  /** Viewer counts seen while this page is open (the page loads the earlier ones from the timeline). */
  viewerPoints?: { ts: number; viewers: number }[];
  /** Chatters seen so far this session (to count new ones from events). */
  chatterIds: string[];
  /** Families this stream has from EventSub: chat's reports of them are left out (see analytics' event-families.ts). */
  eventSubFamilies: ReportedTwiceFamily[];
  missed: number;
}

export const caps = { chat: 2000, events: 200, transcript: 200 };
const followTypes = new Set(['channel.follow']);

/** A live event as it arrives: its SSE name and parsed data. */
export interface LiveMessage {
  event: string;
  data: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const capped = <T>(list: T[], item: T, cap: number): T[] =>
  list.length >= cap ? [...list.slice(list.length - cap + 1), item] : [...list, item];

/** Applies one event to the stream it belongs to; events for other streams leave the state as is. */
export function applyLiveEvent(state: LiveStreamState, message: LiveMessage): LiveStreamState {
  const d = message.data;
  if (message.event === 'dropped') return { ...state, missed: state.missed + num(d.count) };
  if (d.streamId !== state.streamId) return state;
  switch (message.event) {
    case 'chat': {
      if (state.chat.some((m) => m.id === d.id)) return state;
      const line: LiveChatLine = {
        id: str(d.id),
        ts: num(d.ts),
        userLogin: str(d.userLogin),
        displayName: str(d.displayName) || str(d.userLogin),
        text: str(d.text),
        firstMsg: d.firstMsg === true,
        bits: num(d.bits),
      };
      const isNewChatter = !state.chatterIds.includes(line.userLogin);
      return {
        ...state,
        chat: capped(state.chat, line, caps.chat),
        chatterIds: isNewChatter ? [...state.chatterIds, line.userLogin] : state.chatterIds,
        counters: {
          ...state.counters,
          messages: state.counters.messages + 1,
          // The page starts from everyone who chatted in the stream, so a login it has not seen is a new chatter.
          chatters: state.counters.chatters + (isNewChatter ? 1 : 0),
          bits: state.counters.bits + line.bits,
        },
      };
    }
    case 'chat-event':
    case 'channel-event': {
      const type = str(d.type);
      if (type === 'roomstate') return state;
      const fromEventSub = message.event === 'channel-event';
      const family = fromEventSub ? eventSubFamily(type) : chatFamily(type);
      if (!fromEventSub && family && state.eventSubFamilies.includes(family)) return state;
      let { events, counters, eventSubFamilies } = state;
      // EventSub's first report of a family: chat's reports of it step aside, as on a reload of the page.
      if (fromEventSub && family && !eventSubFamilies.includes(family)) {
        eventSubFamilies = [...eventSubFamilies, family];
        events = events.filter((e) => chatFamily(e.type) !== family);
        if (family === 'subs') counters = { ...counters, subs: 0 };
      }
      const line = {
        id: str(d.id),
        ts: num(d.ts),
        type,
        userLogin: typeof d.userLogin === 'string' ? d.userLogin : null,
        data: record(d.data),
      };
      return {
        ...state,
        eventSubFamilies,
        events: capped(events, line, caps.events),
        counters: {
          ...counters,
          follows: counters.follows + (followTypes.has(type) ? 1 : 0),
          subs: counters.subs + (family === 'subs' ? countSubs(type, record(d.data)) : 0),
        },
      };
    }
    case 'snapshot':
      return {
        ...state,
        viewers: num(d.viewerCount),
        viewerPoints: capped(state.viewerPoints ?? [], { ts: num(d.ts), viewers: num(d.viewerCount) }, 2000),
        title: str(d.title) || state.title,
        gameName: typeof d.gameName === 'string' ? d.gameName : state.gameName,
      };
    case 'transcript':
      return {
        ...state,
        transcript: capped(
          state.transcript,
          { id: str(d.id), startTs: num(d.startTs), text: str(d.text), confidence: num(d.confidence) },
          caps.transcript,
        ),
      };
    case 'highlight':
      return { ...state, highlights: [...state.highlights, d] };
    default:
      return state;
  }
}

/** Messages per minute over the last `windowMs` of chat (by message time). */
/**
 * "Now" for a live stream, on the clock its records are stamped by: the newest record's time plus the real time
 * since this page saw it. The browser's own clock can differ from the recorder's, and the demo's simulated clock
 * runs faster than the wall's while staying behind it; either way "live for" and "chat per minute" follow the data.
 */
export function createRecordClock(realNow: () => number = Date.now) {
  let newest = Number.NEGATIVE_INFINITY;
  let seenAt = 0;
  return {
    /** Notes a record's time. */
    see(ts: number): void {
      if (!Number.isFinite(ts) || ts <= newest) return;
      newest = ts;
      seenAt = realNow();
    },
    /** The recorder's now (the browser's until a record is seen). */
    now(): number {
      return Number.isFinite(newest) ? newest + (realNow() - seenAt) : realNow();
    },
  };
}

/** Chat lines per minute over the last `windowMs` before `now`. */
export function chatRate(chat: readonly { ts: number }[], now: number, windowMs = 60_000): number {
  let n = 0;
  for (let i = chat.length - 1; i >= 0 && chat[i]!.ts > now - windowMs; i--) n++;
  return Math.round((n * 60_000) / windowMs);
}

/** Human label for an event type: `channel.follow` → `follow`. */
export function eventLabel(type: string): string {
  const labels: Record<string, string> = {
    'channel.follow': 'followed',
    'channel.subscribe': 'subscribed',
    'channel.subscription.message': 'resubscribed',
    'channel.subscription.gift': 'gifted subs',
    'channel.cheer': 'cheered',
    'channel.raid': 'raided',
    'channel.ad_break.begin': 'ad break',
    sub: 'subscribed',
    resub: 'resubscribed',
    subgift: 'gifted a sub',
    submysterygift: 'gifted subs',
    raid: 'raided',
    ban: 'was banned',
    timeout: 'was timed out',
    delete: 'message deleted',
    announcement: 'announcement',
  };
  return labels[type] ?? type.replace(/^channel\./, '').replace(/[._]/g, ' ');
}
