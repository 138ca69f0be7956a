// Loads what happened during streams as TimelineEvents: follows, subs, cheers, raids, ad breaks, hype trains,
// title/category changes, channel points redemptions, polls, predictions, shoutouts and clips. What both EventSub and chat report (subs, raids) is taken per stream and family from
// one source, never both (event-families.ts): EventSub's (channel_events) when the stream has an EventSub
// report of that family, else chat's (chat_events). Cheers come from EventSub when the stream has any EventSub
// record, else from chat's bits: knowing that a stream with EventSub had no cheers in chat would take a scan
// of all its chat, which streams with EventSub data thus never pay for.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { boolField, field, numberField, parseData, textField } from '../lib/fields.ts';
import { chatFamily, countSubs, eventSubFamily, type ReportedTwiceFamily, reportedTwice } from './event-families.ts';

export interface StreamRange {
  id: string;
  channelId: string;
  startedAt: number;
  endTs: number;
}

interface ClipRow {
  stream_id: string | null;
  created_at: number;
  moment_ts: number | null;
  creator_name: string | null;
  title: string | null;
  view_count: number;
  url: string | null;
  seen_at: number | null;
}

interface EventRow {
  stream_id: string | null;
  ts: number;
  type: string;
  user_login: string | null;
  data: string;
}

type Family =
  | 'follow'
  | 'subs'
  | 'cheer'
  | 'raid'
  | 'ad'
  | 'hype'
  | 'change'
  | 'redemption'
  | 'poll'
  | 'prediction'
  | 'shoutout'
  | 'clip';

type Draft = Omit<TimelineEvent, 'offsetMs' | 'source'> & { family: Family };

/** Events of each stream (same channel), oldest first, keyed by stream id. */
export async function loadStreamEvents(
  store: Store,
  streams: readonly StreamRange[],
): Promise<Map<string, TimelineEvent[]>> {
  const out = new Map<string, TimelineEvent[]>(streams.map((s) => [s.id, []]));
  if (streams.length === 0) return out;
  const channelId = streams[0]!.channelId;
  const from = Math.min(...streams.map((s) => s.startedAt));
  const to = Math.max(...streams.map((s) => s.endTs));
  const channelRows = await store.all<EventRow>(
    'SELECT stream_id, ts, type, user_login, data FROM channel_events WHERE channel_id = ? AND ts >= ? AND ts <= ? ORDER BY ts',
    [channelId, from, to],
  );
  const byId = new Map(streams.map((s) => [s.id, s]));
  const streamOf = (streamId: string | null, ts: number): StreamRange | undefined => {
    if (streamId !== null) return byId.get(streamId);
    return streams.find((s) => ts >= s.startedAt && ts <= s.endTs);
  };
  const push = (stream: StreamRange, draft: Draft, source: TimelineEvent['source']) => {
    const { family: _family, ...event } = draft;
    out.get(stream.id)!.push({ ...event, offsetMs: event.ts - stream.startedAt, source });
  };
  // Title and category as last known per stream, starting from its first poll: a change reported twice (the
  // poll's stream.change and EventSub's channel.update) or a channel.update that left a field as it was is
  // not a change of that field.
  const known = await loadFirstPolls(store, streams);
  const withEventSub = new Set<string>();
  const eventSubFamilies = new Map<string, Set<ReportedTwiceFamily>>(streams.map((s) => [s.id, new Set()]));
  for (const row of channelRows) {
    const stream = streamOf(row.stream_id, Number(row.ts));
    if (!stream) continue;
    withEventSub.add(stream.id);
    const family = eventSubFamily(row.type);
    if (family) eventSubFamilies.get(stream.id)!.add(family);
    for (const draft of fromChannelEvent(row, channelId, known.get(stream.id)!)) push(stream, draft, 'channel_events');
  }
  // Chat's reports of the families a stream lacks from EventSub, in one read over all the streams' range.
  const chatTypes = [
    ...new Set(
      streams.flatMap((s) =>
        Object.entries(reportedTwice)
          .filter(([family]) => !eventSubFamilies.get(s.id)!.has(family as ReportedTwiceFamily))
          .flatMap(([, types]) => types.chat),
      ),
    ),
  ];
  const chatRows =
    chatTypes.length === 0
      ? []
      : await store.all<EventRow>(
          `SELECT stream_id, ts, type, user_login, data FROM chat_events WHERE channel_id = ? AND ts >= ? AND ts <= ?
           AND type IN (${chatTypes.map(() => '?').join(', ')}) ORDER BY ts`,
          [channelId, from, to, ...chatTypes],
        );
  for (const row of chatRows) {
    const stream = streamOf(row.stream_id, Number(row.ts));
    const family = chatFamily(row.type);
    if (!stream || !family || eventSubFamilies.get(stream.id)!.has(family)) continue;
    if (Number(row.ts) < stream.startedAt || Number(row.ts) > stream.endTs) continue;
    const draft = fromChatEvent(row);
    if (draft) push(stream, draft, 'chat_events');
  }
  const withoutEventSub = streams.filter((s) => !withEventSub.has(s.id));
  const cheerRows = await Promise.all(
    withoutEventSub.map((stream) =>
      store.all<{ stream_id: string | null; ts: number; user_login: string; bits: number }>(
        'SELECT stream_id, ts, user_login, bits FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts <= ? AND bits > 0',
        [channelId, stream.startedAt, stream.endTs],
      ),
    ),
  );
  withoutEventSub.forEach((stream, i) => {
    for (const row of cheerRows[i]!) {
      if (streamOf(row.stream_id, Number(row.ts)) !== stream) continue;
      const bits = Number(row.bits);
      push(
        stream,
        {
          family: 'cheer',
          kind: 'cheer',
          ts: Number(row.ts),
          userLogin: row.user_login,
          amount: bits,
          unit: 'bits',
          label: `${row.user_login} cheered ${bits} ${bits === 1 ? 'bit' : 'bits'}`,
        },
        'chat_events',
      );
    }
  });
  // Clips viewers (or streamlens) made: their moment is the one asked for when streamlens made it, else its creation.
  const clipRows = await store.all<ClipRow>(
    `SELECT stream_id, created_at, moment_ts, creator_name, title, view_count, url, seen_at FROM clips
     WHERE channel_id = ? AND created_at >= ? AND created_at <= ? ORDER BY created_at`,
    [channelId, from, to + 60_000],
  );
  for (const row of clipRows) {
    const ts = Number(row.moment_ts ?? row.created_at);
    const stream = streamOf(row.stream_id, ts);
    if (!stream) continue;
    const views = Number(row.view_count);
    const waiting = row.seen_at === null ? ' (being made)' : '';
    push(
      stream,
      {
        family: 'clip',
        kind: 'clip',
        ts,
        userLogin: row.creator_name,
        amount: views,
        unit: 'views',
        label: `${row.creator_name ?? 'streamlens'} clipped "${row.title ?? 'this'}"${waiting} (${views} views)`,
        url: row.url,
      },
      'clips',
    );
  }
  for (const list of out.values()) list.sort((a, b) => a.ts - b.ts);
  return out;
}

interface KnownState {
  title: string | null;
  game: string | null;
}

async function loadFirstPolls(store: Store, streams: readonly StreamRange[]): Promise<Map<string, KnownState>> {
  const rows = await store.all<{ stream_id: string; title: string | null; game_name: string | null }>(
    `SELECT ss.stream_id, ss.title, ss.game_name FROM stream_snapshots ss
     WHERE ss.stream_id IN (${streams.map(() => '?').join(', ')})
       AND ss.ts = (SELECT MIN(f.ts) FROM stream_snapshots f WHERE f.stream_id = ss.stream_id)`,
    streams.map((s) => s.id),
  );
  const out = new Map<string, KnownState>(streams.map((s) => [s.id, { title: null, game: null }]));
  for (const r of rows) out.set(r.stream_id, { title: r.title || null, game: r.game_name || null });
  return out;
}

function fromChannelEvent(row: EventRow, channelId: string, known: KnownState): Draft[] {
  const data = parseData(row.data);
  const base = { ts: Number(row.ts), userLogin: row.user_login };
  const who = row.user_login ?? 'someone';
  switch (row.type) {
    case 'channel.follow':
      return [{ ...base, family: 'follow', kind: 'follow', amount: null, unit: null, label: `${who} followed` }];
    case 'channel.subscribe':
      // A gifted sub's channel.subscribe counts none: its channel.subscription.gift carries the total.
      if (countSubs(row.type, data) === 0) return [];
      return [{ ...base, family: 'subs', kind: 'sub', amount: 1, unit: 'subs', label: `${who} subscribed` }];
    case 'channel.subscription.message':
      return [
        {
          ...base,
          family: 'subs',
          kind: 'resub',
          amount: 1,
          unit: 'subs',
          label: `${who} resubscribed (${numberField(data, 'cumulativeMonths') ?? '?'} months)`,
        },
      ];
    case 'channel.subscription.gift': {
      const total = countSubs(row.type, data);
      const giver = boolField(data, 'isAnonymous') ? 'an anonymous gifter' : who;
      return [
        {
          ...base,
          family: 'subs',
          kind: 'gift',
          amount: total,
          unit: 'subs',
          label: `${giver} gifted ${total} ${total === 1 ? 'sub' : 'subs'}`,
        },
      ];
    }
    case 'channel.cheer': {
      const bits = numberField(data, 'bits') ?? 0;
      return [
        {
          ...base,
          family: 'cheer',
          kind: 'cheer',
          amount: bits,
          unit: 'bits',
          label: `${who} cheered ${bits} ${bits === 1 ? 'bit' : 'bits'}`,
        },
      ];
    }
    case 'channel.raid': {
      const viewers = numberField(data, 'viewers');
      const incoming = textField(data, 'toBroadcasterUserId') === channelId;
      const other = incoming ? textField(data, 'fromBroadcasterUserLogin') : textField(data, 'toBroadcasterUserLogin');
      const label = incoming
        ? `raid from ${other ?? who} with ${viewers ?? '?'} ${viewers === 1 ? 'viewer' : 'viewers'}`
        : `raided ${other ?? who} with ${viewers ?? '?'} ${viewers === 1 ? 'viewer' : 'viewers'}`;
      return [
        {
          ...base,
          // The other channel: who raided in, or whom the channel raided.
          userLogin: other ?? base.userLogin,
          family: 'raid',
          kind: incoming ? 'raid-in' : 'raid-out',
          amount: viewers,
          unit: 'viewers',
          label,
        },
      ];
    }
    case 'channel.ad_break.begin': {
      const seconds = numberField(data, 'durationSeconds') ?? numberField(data, 'duration');
      return [
        {
          ...base,
          family: 'ad',
          kind: 'ad-break',
          amount: seconds,
          unit: 'seconds',
          label: `ad break of ${seconds ?? '?'} s`,
        },
      ];
    }
    case 'channel.hype_train.begin':
    case 'channel.hype_train.end': {
      const level = numberField(data, 'level');
      const phase = row.type.endsWith('begin') ? 'started' : 'ended';
      return [
        {
          ...base,
          family: 'hype',
          kind: 'hype-train',
          amount: level,
          unit: 'level',
          label: `hype train ${phase}${level ? ` (level ${level})` : ''}`,
        },
      ];
    }
    case 'stream.change':
    case 'channel.update':
      return fromChange(data, base, known);
    default:
      return fromEngagementEvent(row.type, data, base, who);
  }
}

/** Channel points, polls, predictions and shoutouts; only the moments worth a line (a poll's progress is not). */
function fromEngagementEvent(
  type: string,
  data: Record<string, unknown>,
  base: { ts: number; userLogin: string | null },
  who: string,
): Draft[] {
  switch (type) {
    case 'channel.channel_points_custom_reward_redemption.add': {
      const reward = objectField(data, 'reward');
      const cost = reward ? numberField(reward, 'cost') : null;
      const title = (reward && textField(reward, 'title')) ?? 'a reward';
      return [
        {
          ...base,
          family: 'redemption',
          kind: 'redemption',
          amount: cost,
          unit: 'points',
          label: `${who} redeemed ${title}`,
        },
      ];
    }
    case 'channel.poll.begin':
      return [
        {
          ...base,
          family: 'poll',
          kind: 'poll',
          amount: null,
          unit: null,
          label: `poll: ${textField(data, 'title') ?? '?'}`,
        },
      ];
    case 'channel.poll.end': {
      const choices = listField(data, 'choices');
      const votes = choices.reduce((n, c) => n + (numberField(c, 'votes') ?? 0), 0);
      const top = [...choices].sort((a, b) => (numberField(b, 'votes') ?? 0) - (numberField(a, 'votes') ?? 0))[0];
      const status = textField(data, 'status') ?? 'completed';
      const result = status === 'completed' && top ? `, "${textField(top, 'title')}" won` : ` (${status})`;
      return [
        {
          ...base,
          family: 'poll',
          kind: 'poll-end',
          amount: votes,
          unit: 'votes',
          label: `poll ended: ${textField(data, 'title') ?? '?'}${result}`,
        },
      ];
    }
    case 'channel.prediction.begin':
      return [
        {
          ...base,
          family: 'prediction',
          kind: 'prediction',
          amount: null,
          unit: null,
          label: `prediction: ${textField(data, 'title') ?? '?'}`,
        },
      ];
    case 'channel.prediction.end': {
      const outcomes = listField(data, 'outcomes');
      const points = outcomes.reduce((n, o) => n + (numberField(o, 'channelPoints') ?? 0), 0);
      const winner = outcomes.find((o) => textField(o, 'id') === textField(data, 'winningOutcomeId'));
      const status = textField(data, 'status') ?? 'resolved';
      const result = status === 'resolved' && winner ? `, "${textField(winner, 'title')}" won` : ` (${status})`;
      return [
        {
          ...base,
          family: 'prediction',
          kind: 'prediction-end',
          amount: points,
          unit: 'points',
          label: `prediction ended: ${textField(data, 'title') ?? '?'}${result}`,
        },
      ];
    }
    case 'channel.shoutout.create': {
      const to = textField(data, 'toBroadcasterUserLogin') ?? who;
      const viewers = numberField(data, 'viewerCount');
      return [
        {
          ...base,
          userLogin: to,
          family: 'shoutout',
          kind: 'shoutout-out',
          amount: viewers,
          unit: 'viewers',
          label: `shouted out ${to}`,
        },
      ];
    }
    case 'channel.shoutout.receive': {
      const from = textField(data, 'fromBroadcasterUserLogin') ?? who;
      const viewers = numberField(data, 'viewerCount');
      return [
        {
          ...base,
          userLogin: from,
          family: 'shoutout',
          kind: 'shoutout-in',
          amount: viewers,
          unit: 'viewers',
          label: `shoutout from ${from} to ${viewers ?? '?'} viewers`,
        },
      ];
    }
    default:
      return [];
  }
}

/** An object field (either spelling), or null. */
export function objectField(data: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const v = field(data, key);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The objects of a list field (either spelling). */
export function listField(data: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = field(data, key);
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
}

function fromChange(
  data: Record<string, unknown>,
  base: { ts: number; userLogin: string | null },
  known: KnownState,
): Draft[] {
  const out: Draft[] = [];
  const title = textField(data, 'title');
  const game = textField(data, 'gameName') ?? textField(data, 'categoryName');
  const previousTitle = known.title ?? textField(data, 'previousTitle');
  const previousGame = known.game ?? textField(data, 'previousGameName') ?? textField(data, 'previousCategoryName');
  if (title !== null) known.title = title;
  if (game !== null) known.game = game;
  if (game !== null && game !== previousGame)
    out.push({
      ...base,
      family: 'change',
      kind: 'category-change',
      amount: null,
      unit: null,
      label: `category ${previousGame ? `${previousGame} → ` : '→ '}${game}`,
    });
  if (title !== null && title !== previousTitle)
    out.push({
      ...base,
      family: 'change',
      kind: 'title-change',
      amount: null,
      unit: null,
      label: `title → "${title}"`,
    });
  return out;
}

const chatKinds: Record<string, { family: Family; kind: TimelineEventKind }> = {
  sub: { family: 'subs', kind: 'sub' },
  resub: { family: 'subs', kind: 'resub' },
  // One subgift per recipient; the submysterygift announcing them counts none (see countSubs).
  subgift: { family: 'subs', kind: 'gift' },
  raid: { family: 'raid', kind: 'raid-in' },
};

function fromChatEvent(row: EventRow): Draft | undefined {
  const k = chatKinds[row.type];
  if (!k) return undefined;
  const data = parseData(row.data);
  const who = row.user_login ?? 'someone';
  const ts = Number(row.ts);
  if (k.kind === 'raid-in') {
    const viewers = numberField(data, 'viewerCount');
    return {
      ...k,
      ts,
      userLogin: row.user_login,
      amount: viewers,
      unit: 'viewers',
      label: `raid from ${who} with ${viewers ?? '?'} ${viewers === 1 ? 'viewer' : 'viewers'}`,
    };
  }
  const label =
    k.kind === 'gift' ? `${who} gifted a sub` : k.kind === 'resub' ? `${who} resubscribed` : `${who} subscribed`;
  return { ...k, ts, userLogin: row.user_login, amount: 1, unit: 'subs', label };
}

export type TimelineEventKind =
  | 'follow'
  | 'sub'
  | 'resub'
  | 'gift'
  | 'cheer'
  | 'raid-in'
  | 'raid-out'
  | 'ad-break'
  | 'hype-train'
  | 'title-change'
  | 'category-change'
  | 'redemption'
  | 'poll'
  | 'poll-end'
  | 'prediction'
  | 'prediction-end'
  | 'shoutout-out'
  | 'shoutout-in'
  | 'clip';

export interface TimelineEvent {
  kind: TimelineEventKind;
  ts: EpochMs;
  offsetMs: number;
  userLogin: string | null;
  /** Bits, gifted subs, raid viewers, ad seconds… (see `unit`). */
  amount: number | null;
  unit: string | null;
  /** Human text: "raid from foo with 42 viewers", "category → Chess". */
  label: string;
  source: 'channel_events' | 'chat_events' | 'clips';
  /** Where to see it (a clip's URL), when there is such a place. */
  url?: string | null;
}
