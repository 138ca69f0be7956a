// What each incoming raid did for a stream: its size, the viewers before it (level and trend), the peak after
// it, how many viewers stayed 10 and 30 minutes later above where the pre-raid trend would have been, and how
// many raiders chatted. Raids are counted by the one rule for what chat and EventSub both report
// (event-families.ts through loadStreamEvents).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { parseData, textField } from '../lib/fields.ts';
import { formatOffset, toVodUrl } from '../lib/format.ts';
import { median, round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { loadSnapshots, type ViewerPoint } from '../timeline/load-snapshots.ts';
import { loadStreamEvents } from './load-events.ts';

const MIN = 60_000;
/** Polls before a raid that set its level and trend. */
const preWindowMs = 10 * MIN;
/** How far from "10 minutes later" a poll may be and still be read as that moment. */
const readingSlackMs = 2 * MIN;
/** Where the peak after a raid is looked for. */
const peakWindowMs = 15 * MIN;
/** A chatter first seen this soon after a raid counts as a raider when the raiding channel's chat is unknown. */
const newcomerWindowMs = 10 * MIN;
/** Chat in the raiding channel this long before its raid makes a chatter one of its viewers. */
const raiderChannelLookbackMs = 6 * 3_600_000;

export const raiderRules = {
  'raider-channel':
    "chatted in this stream after the raid and in the raiding channel's own chat in the 6 h before it (recorded here)",
  'first-seen-after-raid':
    "first message in this channel's recorded history came in the 10 minutes after the raid (the raiding channel's chat is not recorded, so newcomers who arrived otherwise are counted too)",
} as const;

/** Every incoming raid of a stream with its effect; null when the stream does not exist. */
export async function getRaidEffects(store: Store, streamId: string): Promise<StreamRaidEffects | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const s = { id: info.id, channelId: info.channelId, startedAt: info.startedAt, endTs: streamEnd(row) };
  const [events, points] = await Promise.all([loadStreamEvents(store, [s]), loadSnapshots(store, s.id)]);
  const raids = (events.get(s.id) ?? []).filter((e) => e.kind === 'raid-in');
  if (raids.length > 0 && points.length === 0)
    return { status: 'no-data', reason: 'no viewer snapshots recorded for this stream' };
  const raiders = await loadRaiders(
    store,
    s,
    raids.map((r) => r.source),
  );
  const effects: RaidEffect[] = [];
  for (const [i, raid] of raids.entries()) {
    const raider = raiders.find((r) => r.ts === raid.ts && r.login === raid.userLogin);
    const nextRaidTs = raids[i + 1]?.ts ?? Number.POSITIVE_INFINITY;
    const baseline = toBaseline(points, raid.ts);
    const size = raid.amount;
    const after = (minutes: number): RetainedReading | null => {
      const at = raid.ts + minutes * MIN;
      if (at > s.endTs + readingSlackMs) return null;
      const viewers = readViewersAt(points, at);
      if (viewers === null || baseline === null) return null;
      const expected = Math.max(0, baseline.level + baseline.trendPerMinute * minutes);
      const retained = round(viewers - expected, 0);
      return {
        minutes,
        viewers,
        expected: round(expected, 1),
        retained,
        retainedPct: size ? round((Math.max(0, retained) / size) * 100, 0) : null,
        // A later raid inside the window adds its own viewers: the reading is not this raid's alone.
        confounded: nextRaidTs <= at,
      };
    };
    const peakPoints = points.filter((p) => p.ts >= raid.ts && p.ts <= raid.ts + peakWindowMs && p.ts < nextRaidTs);
    const peak = peakPoints.reduce<ViewerPoint | null>(
      (best, p) => (!best || p.viewers > best.viewers ? p : best),
      null,
    );
    const chatted = await countRaidersWhoChatted(store, s, raid.ts, raider?.userId ?? null);
    const offsetMs = raid.ts - s.startedAt;
    effects.push({
      ts: raid.ts,
      offsetMs,
      offsetLabel: formatOffset(offsetMs),
      raiderLogin: raid.userLogin,
      raiderDisplayName: raider?.displayName ?? raid.userLogin,
      raidSize: size,
      viewersBefore: baseline ? round(baseline.level, 0) : null,
      preRaidTrendPerMinute: baseline ? round(baseline.trendPerMinute, 2) : null,
      peakAfter: peak?.viewers ?? null,
      peakOffsetMs: peak ? peak.ts - s.startedAt : null,
      after10: after(10),
      after30: after(30),
      raidersWhoChatted: chatted.count,
      raiderChatters: chatted.logins,
      raiderRule: chatted.rule,
      vodUrl: toVodUrl(info.vodId, Math.max(0, offsetMs - 30_000)),
    });
  }
  return {
    stream: info,
    raids: effects,
    evidence: {
      source: 'channel_events+chat_events+stream_snapshots+chatter_streams',
      streamIds: [s.id],
      counts: { raids: effects.length, snapshots: points.length },
      note: 'retained = viewers N minutes after the raid minus the pre-raid level carried along its trend (median and least-squares slope of the polls in the 10 minutes before)',
    },
  };
}

interface Baseline {
  level: number;
  trendPerMinute: number;
}

/**
 * The audience a raid found: the median of the polls in the 10 minutes before it and their least-squares slope
 * (viewers a minute), the slope only from 3 polls spanning 3 minutes or more. Null without a poll before it.
 */
export function toBaseline(points: readonly ViewerPoint[], raidTs: number): Baseline | null {
  const before = points.filter((p) => p.ts < raidTs && p.ts >= raidTs - preWindowMs);
  if (before.length === 0) {
    const last = points.filter((p) => p.ts < raidTs).at(-1);
    return last ? { level: last.viewers, trendPerMinute: 0 } : null;
  }
  const level = median(before.map((p) => p.viewers))!;
  const span = before.at(-1)!.ts - before[0]!.ts;
  if (before.length < 3 || span < 3 * MIN) return { level, trendPerMinute: 0 };
  const xs = before.map((p) => (p.ts - raidTs) / MIN);
  const ys = before.map((p) => p.viewers);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  const slope = den > 0 ? num / den : 0;
  // The level is the median at the window's middle; carry it to the raid along the slope.
  const middle = median(xs)!;
  return { level: level + slope * (0 - middle), trendPerMinute: slope };
}

/** The median of the polls within 2 minutes of `at`; null when there is none. */
function readViewersAt(points: readonly ViewerPoint[], at: number): number | null {
  const near = points.filter((p) => Math.abs(p.ts - at) <= readingSlackMs);
  return near.length === 0 ? null : median(near.map((p) => p.viewers));
}

interface RaiderRow {
  ts: number;
  login: string | null;
  userId: string | null;
  displayName: string | null;
}

/** The raiding channels' ids and display names, from the raid records the timeline counted. */
async function loadRaiders(
  store: Store,
  s: { channelId: string; startedAt: number; endTs: number },
  sources: readonly string[],
): Promise<RaiderRow[]> {
  const out: RaiderRow[] = [];
  if (sources.includes('channel_events')) {
    const rows = await store.all<{ ts: number; user_id: string | null; user_login: string | null; data: string }>(
      `SELECT ts, user_id, user_login, data FROM channel_events
       WHERE channel_id = ? AND ts >= ? AND ts <= ? AND type = 'channel.raid'`,
      [s.channelId, s.startedAt, s.endTs],
    );
    for (const r of rows) {
      const data = parseData(r.data);
      out.push({
        ts: Number(r.ts),
        login: r.user_login,
        userId: textField(data, 'fromBroadcasterUserId') ?? r.user_id,
        displayName: textField(data, 'fromBroadcasterUserName'),
      });
    }
  }
  if (sources.includes('chat_events')) {
    const rows = await store.all<{ ts: number; user_id: string | null; user_login: string | null; data: string }>(
      `SELECT ts, user_id, user_login, data FROM chat_events
       WHERE channel_id = ? AND ts >= ? AND ts <= ? AND type = 'raid'`,
      [s.channelId, s.startedAt, s.endTs],
    );
    for (const r of rows) {
      const data = parseData(r.data);
      out.push({
        ts: Number(r.ts),
        login: r.user_login,
        userId: r.user_id,
        displayName: textField(data, 'displayName') ?? textField(data, 'userDisplayName'),
      });
    }
  }
  return out;
}

/**
 * Raiders who chatted, by the best rule the records allow (`raiderRules`): when the raiding channel's chat is
 * recorded, chatters of this stream after the raid who chatted there in the 6 h before; otherwise chatters
 * first seen in this channel in the 10 minutes after the raid. The broadcaster never counts.
 */
async function countRaidersWhoChatted(
  store: Store,
  s: { id: string; channelId: string; endTs: number },
  raidTs: number,
  raiderChannelId: string | null,
): Promise<{ count: number; logins: string[]; rule: RaiderRule }> {
  if (raiderChannelId !== null) {
    const recorded = await store.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM chatters WHERE channel_id = ? AND last_seen >= ? AND first_seen <= ?',
      [raiderChannelId, raidTs - raiderChannelLookbackMs, raidTs],
    );
    if (Number(recorded?.n ?? 0) > 0) {
      const rows = await store.all<{ user_login: string }>(
        `SELECT c.user_login FROM chatter_streams cs
         JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
         JOIN chatters r ON r.channel_id = ? AND r.user_id = cs.user_id
         WHERE cs.channel_id = ? AND cs.stream_id = ? AND cs.last_ts >= ? AND cs.user_id <> ?
           AND r.last_seen >= ? AND r.first_seen <= ?
         ORDER BY c.user_login`,
        [raiderChannelId, s.channelId, s.id, raidTs, s.channelId, raidTs - raiderChannelLookbackMs, raidTs],
      );
      return { count: rows.length, logins: rows.map((r) => r.user_login), rule: 'raider-channel' };
    }
  }
  const rows = await store.all<{ user_login: string }>(
    `SELECT c.user_login FROM chatter_streams cs
     JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.stream_id = ? AND cs.user_id <> ?
       AND c.first_seen >= ? AND c.first_seen <= ?
     ORDER BY c.user_login`,
    [s.channelId, s.id, s.channelId, raidTs, raidTs + newcomerWindowMs],
  );
  return { count: rows.length, logins: rows.map((r) => r.user_login), rule: 'first-seen-after-raid' };
}

export type RaiderRule = keyof typeof raiderRules;

/** Viewers some minutes after a raid against where the pre-raid trend would have put them. */
export interface RetainedReading {
  minutes: number;
  /** Median of the polls within 2 minutes of that moment. */
  viewers: number;
  /** The pre-raid level carried along its trend to that moment (never below 0). */
  expected: number;
  /** viewers − expected: the raid's viewers still watching (negative when the audience fell below the trend). */
  retained: number;
  /** retained (0 when negative) as a percent of the raid's size; null when the size is unknown. */
  retainedPct: number | null;
  /** A later raid arrived before this reading, so it is not this raid's alone. */
  confounded: boolean;
}

export interface RaidEffect {
  ts: EpochMs;
  offsetMs: number;
  offsetLabel: string;
  raiderLogin: string | null;
  raiderDisplayName: string | null;
  /** Viewers the raid brought, as Twitch reported it. */
  raidSize: number | null;
  /** Viewers before the raid: the pre-raid level at the raid's moment. */
  viewersBefore: number | null;
  /** Viewers a minute the audience was moving by before the raid. */
  preRaidTrendPerMinute: number | null;
  /** Most viewers in the 15 minutes after the raid. */
  peakAfter: number | null;
  peakOffsetMs: number | null;
  /** Null when the stream had ended (or had no poll) by then. */
  after10: RetainedReading | null;
  after30: RetainedReading | null;
  raidersWhoChatted: number;
  raiderChatters: string[];
  /** How raiders were told apart (see `raiderRules`). */
  raiderRule: RaiderRule;
  vodUrl: string | null;
}

export interface StreamRaidEffects {
  stream: StreamInfo;
  /** Incoming raids, oldest first; empty when the stream had none. */
  raids: RaidEffect[];
  evidence: Evidence;
}
