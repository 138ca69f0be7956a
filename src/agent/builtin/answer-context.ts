// What every family's composer gets: the question and what it names, the channel it is about (the main one
// unless it names another), the store and tools, and the stream picks every family resolves the same way:
// "last stream" is the last finished one, "previous" the one before it, "this stream" the live one.

import { getPeriodStreamFigures, listStreams, type StreamFigures, type StreamListItem } from '../../analytics/index.ts';
import type { Store } from '../../store/store.ts';
import type { AnalystTools } from './analyst-tools.ts';
import { streamLink } from './format.ts';
import type { Entities, StreamRef } from './intent/extract-entities.ts';

/** The family kinds, in the order ties are broken and help is listed. */
export const familyKinds = [
  'moment',
  'stream-edges',
  'viewer-change',
  'viewer-arrival',
  'raids',
  'ad-breaks',
  'stream-changes',
  'missed-questions',
  'new-chatters',
  'lapsed-regulars',
  'chatter',
  'top-chatters',
  'supporters',
  'moderation',
  'lurkers',
  'engagement',
  'chat-topics',
  'chat-lulls',
  'chat-mood',
  'chat-mentions',
  'said-on-stream',
  'emotes',
  'highlights',
  'best-time',
  'best-category',
  'titles',
  'best-stream',
  'stream-list',
  'schedule',
  'stream-length',
  'compare-periods',
  'compare',
  'trends',
  'advice',
  'totals',
  'summary',
] as const;
export type FamilyKind = (typeof familyKinds)[number];

/** Thrown by a composer when the data cannot answer: said plainly, with the nearest answerable questions. */
export class CannotAnswer extends Error {
  constructor(
    message: string,
    readonly suggest: readonly FamilyKind[] = [],
  ) {
    super(message);
  }
}

export interface ChannelRef {
  id: string;
  login: string;
  displayName: string;
}

export interface AnswerContext {
  /** The question, normalized (lower case). */
  q: string;
  entities: Entities;
  channel: ChannelRef;
  store: Store;
  tools: AnalystTools;
  now: number;
  /**
   * The stream `ref` names (default: the first one the question names, else the last stream of the period it
   * names, else the last finished stream).
   */
  pickStream(ref?: StreamRef): Promise<StreamListItem>;
  /** The channel's streams, newest first (at most 1000). */
  listStreams(): Promise<StreamListItem[]>;
  /** The channel's streams that started in the period the question names (all of them without one), newest first. */
  streamsInPeriod(): Promise<StreamListItem[]>;
  /** The figures of the finished streams among those, by stream id. */
  streamFiguresInPeriod(): Promise<Map<string, StreamFigures['figures']>>;
  /** Whether the question named a stream at all. */
  namesStream: boolean;
  /**
   * "No stream started in <period>", naming the last stream before it (a stream counts in the period it started
   * in: last night's stream that ran past midnight is yesterday's), so the asker knows what to ask instead.
   */
  noStreamIn(period: { from: number; label: string }, suggest: readonly FamilyKind[]): Promise<CannotAnswer>;
}

/** The answer context over a channel. */
export function createAnswerContext(
  base: Omit<
    AnswerContext,
    'pickStream' | 'listStreams' | 'streamsInPeriod' | 'streamFiguresInPeriod' | 'namesStream' | 'noStreamIn'
  >,
): AnswerContext {
  let cached: Promise<StreamListItem[]> | undefined;
  const all = () => {
    cached ??= listStreams(base.store, { channelId: base.channel.id, limit: 1000 });
    return cached;
  };
  const who = base.channel.login;
  const period = base.entities.period;
  const inPeriod = async () =>
    period ? (await all()).filter((s) => s.startedAt >= period.from && s.startedAt < period.to) : all();
  const noStreamIn: AnswerContext['noStreamIn'] = async (p, suggest) => {
    const before = (await all()).find((s) => s.startedAt < p.from);
    const last = before
      ? `; the last one before it, ${streamLink(before, base.tools.timeZone)}, started earlier${before.live ? ' and is live now' : ''} — ask about "my last stream" for it`
      : '';
    return new CannotAnswer(`${who} has no stream that started in ${p.label}${last}`, suggest);
  };
  return {
    ...base,
    namesStream: base.entities.streams.length > 0,
    noStreamIn,
    listStreams: all,
    streamsInPeriod: inPeriod,
    async streamFiguresInPeriod() {
      const figures = await getPeriodStreamFigures(
        base.store,
        base.channel.id,
        period?.from ?? 0,
        period?.to ?? base.now + 1,
      );
      return new Map(figures.map((s) => [s.streamId, s.figures]));
    },
    async pickStream(ref = base.entities.streams[0]) {
      if (ref === undefined && period) {
        // "highlights from last week": the last stream of that week.
        const [latest] = await inPeriod();
        if (!latest) throw await noStreamIn(period, ['totals', 'trends']);
        return latest;
      }
      ref ??= { kind: 'last' };
      const streams = await all();
      if (streams.length === 0) throw new CannotAnswer(`no stream of ${who} has been recorded yet`, ['best-time']);
      const finished = streams.filter((s) => !s.live);
      const live = streams.find((s) => s.live);
      const nth = (i: number, what: string) => {
        const s = finished[i] ?? (i === 0 ? live : undefined);
        if (!s)
          throw new CannotAnswer(
            `${who} has only ${finished.length} finished stream${finished.length === 1 ? '' : 's'} recorded, so there is no ${what}`,
            ['summary'],
          );
        return s;
      };
      switch (ref.kind) {
        case 'last':
          return nth(0, 'last stream');
        case 'previous':
          return nth(1, 'stream before the last one');
        case 'ago':
          return nth(Math.max(0, ref.n - 1), `stream ${ref.n} streams ago`);
        case 'live':
          return live ?? nth(0, 'stream');
        case 'day': {
          const s = [...streams].reverse().find((x) => new Date(x.startedAt).toISOString().slice(0, 10) === ref.day);
          if (!s)
            throw new CannotAnswer(`${who} has no stream recorded that started on ${ref.day} (UTC)`, ['best-stream']);
          return s;
        }
        case 'id': {
          const s = streams.find((x) => x.id === ref.id) ?? streams.find((x) => x.id.startsWith(ref.id));
          if (!s) throw new CannotAnswer(`${who} has no recorded stream "${ref.id}"`, ['best-stream']);
          return s;
        }
      }
    },
  };
}
