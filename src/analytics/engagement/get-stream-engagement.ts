// How viewers took part beyond chat in one stream: the clips they made, channel points redemptions by reward,
// polls and predictions with their outcome, shoutouts given and received, and who watched without chatting.
// The report's engagement section and the analyst's answers read it.

import type { Store } from '../../store/store.ts';
import { type HighlightClip, loadStreamClips } from '../chat/get-stream-highlights.ts';
import { listField, objectField } from '../events/load-events.ts';
import { numberField, parseData, textField } from '../lib/fields.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { getStreamPresence, type StreamPresence } from './get-stream-presence.ts';

export interface PollResult {
  title: string;
  votes: number;
  winner: string | null;
  /** completed, terminated, archived; `running` when no end was recorded. */
  status: string;
}

export interface PredictionResult {
  title: string;
  points: number;
  predictors: number;
  winner: string | null;
  /** resolved, canceled; `locked` or `running` when no end was recorded. */
  status: string;
}

export interface HypeTrainResult {
  /** When it started, ms from the stream's start. */
  offsetMs: number;
  /** The level it reached. */
  level: number | null;
  /** Points contributed (bits and subs as Twitch counts them). */
  total: number | null;
  /** How long it ran; null while no end was recorded. */
  durationMs: number | null;
  /** Twitch's top contributors: the most bits and the most subs. */
  topContributors: { login: string; type: string; total: number }[];
  status: 'ended' | 'running';
}

export interface StreamEngagement {
  stream: StreamInfo;
  clips: HighlightClip[];
  redemptions: { total: number; points: number; rewards: { title: string; count: number; cost: number | null }[] };
  polls: PollResult[];
  predictions: PredictionResult[];
  hypeTrains: HypeTrainResult[];
  shoutouts: {
    given: { login: string; viewers: number | null }[];
    received: { login: string; viewers: number | null }[];
  };
  presence: StreamPresence | NoData;
  evidence: Evidence;
}

const engagementTypes = [
  'channel.channel_points_custom_reward_redemption.add',
  'channel.poll.begin',
  'channel.poll.end',
  'channel.prediction.begin',
  'channel.prediction.lock',
  'channel.prediction.end',
  'channel.shoutout.create',
  'channel.shoutout.receive',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
  'channel.hype_train.end',
];

/** The stream's engagement beyond chat; null when the stream does not exist. */
export async function getStreamEngagement(store: Store, streamId: string): Promise<StreamEngagement | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const startedAt = Number(row.started_at);
  const endTs = streamEnd(row);
  const events = await store.all<{ ts: number; type: string; user_login: string | null; data: string }>(
    `SELECT ts, type, user_login, data FROM channel_events WHERE channel_id = ? AND ts >= ? AND ts <= ?
     AND type IN (${engagementTypes.map(() => '?').join(', ')}) ORDER BY ts`,
    [row.channel_id, startedAt, endTs, ...engagementTypes],
  );
  const rewards = new Map<string, { title: string; count: number; cost: number | null }>();
  const polls = new Map<string, PollResult>();
  const predictions = new Map<string, PredictionResult>();
  const hypeTrains = new Map<string, HypeTrainResult>();
  const given: StreamEngagement['shoutouts']['given'] = [];
  const received: StreamEngagement['shoutouts']['received'] = [];
  let points = 0;
  for (const e of events) {
    const data = parseData(e.data);
    const id = textField(data, 'id') ?? `${e.ts}`;
    const title = textField(data, 'title') ?? '';
    if (e.type === 'channel.channel_points_custom_reward_redemption.add') {
      const reward = objectField(data, 'reward') ?? {};
      const name = textField(reward, 'title') ?? 'reward';
      const cost = numberField(reward, 'cost');
      const entry = rewards.get(name) ?? { title: name, count: 0, cost };
      entry.count++;
      rewards.set(name, entry);
      points += cost ?? 0;
    } else if (e.type.startsWith('channel.poll.')) {
      const choices = listField(data, 'choices');
      const votes = choices.reduce((n, c) => n + (numberField(c, 'votes') ?? 0), 0);
      const top = [...choices].sort((a, b) => (numberField(b, 'votes') ?? 0) - (numberField(a, 'votes') ?? 0))[0];
      const ended = e.type === 'channel.poll.end';
      const status = ended ? (textField(data, 'status') ?? 'completed') : 'running';
      polls.set(id, {
        title,
        votes,
        winner: ended && status === 'completed' && top && votes > 0 ? textField(top, 'title') : null,
        status,
      });
    } else if (e.type.startsWith('channel.prediction.')) {
      const outcomes = listField(data, 'outcomes');
      const status =
        e.type === 'channel.prediction.end'
          ? (textField(data, 'status') ?? 'resolved')
          : e.type === 'channel.prediction.lock'
            ? 'locked'
            : 'running';
      const winner = outcomes.find((o) => textField(o, 'id') === textField(data, 'winningOutcomeId'));
      predictions.set(id, {
        title,
        points: outcomes.reduce((n, o) => n + (numberField(o, 'channelPoints') ?? 0), 0),
        predictors: outcomes.reduce((n, o) => n + (numberField(o, 'users') ?? 0), 0),
        winner: status === 'resolved' && winner ? textField(winner, 'title') : null,
        status,
      });
    } else if (e.type.startsWith('channel.hype_train.')) {
      const began = Date.parse(textField(data, 'startedAt') ?? '') || Number(e.ts);
      const ended =
        e.type === 'channel.hype_train.end' ? Date.parse(textField(data, 'endedAt') ?? '') || Number(e.ts) : null;
      const known = hypeTrains.get(id);
      hypeTrains.set(id, {
        offsetMs: Math.max(0, began - startedAt),
        level: numberField(data, 'level') ?? known?.level ?? null,
        total: numberField(data, 'total') ?? known?.total ?? null,
        durationMs: ended === null ? null : Math.max(0, ended - began),
        topContributors: listField(data, 'topContributions').map((c) => ({
          login: textField(c, 'userLogin') ?? textField(c, 'userName') ?? '?',
          type: textField(c, 'type') ?? 'other',
          total: numberField(c, 'total') ?? 0,
        })),
        status: ended === null ? 'running' : 'ended',
      });
    } else if (e.type === 'channel.shoutout.create')
      given.push({
        login: textField(data, 'toBroadcasterUserLogin') ?? '?',
        viewers: numberField(data, 'viewerCount'),
      });
    else if (e.type === 'channel.shoutout.receive')
      received.push({
        login: textField(data, 'fromBroadcasterUserLogin') ?? '?',
        viewers: numberField(data, 'viewerCount'),
      });
  }
  const clips = await loadStreamClips(store, row.channel_id, row.id, startedAt, endTs);
  const presence = (await getStreamPresence(store, row.id, { limit: 10 })) ?? {
    status: 'no-data' as const,
    reason: 'the stream disappeared',
  };
  const redemptionCount = [...rewards.values()].reduce((n, r) => n + r.count, 0);
  return {
    stream: toStreamInfo(row),
    clips,
    redemptions: {
      total: redemptionCount,
      points,
      rewards: [...rewards.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
    },
    polls: [...polls.values()],
    predictions: [...predictions.values()],
    hypeTrains: [...hypeTrains.values()],
    shoutouts: { given, received },
    presence,
    evidence: {
      source: 'channel_events, clips, chat_presence_samples',
      streamIds: [row.id],
      fromTs: startedAt,
      toTs: endTs,
      counts: { events: events.length, clips: clips.length, redemptions: redemptionCount },
      note: 'EventSub notifications of channel points, polls, predictions, hype trains and shoutouts, and Helix clips',
    },
  };
}
