// Live alerts while a channel streams, from the signals analytics already computes: a raid arrived (the chat's
// USERNOTICE, or EventSub's channel.raid to the channel: one alert per raider and ten minutes, whichever came
// first), viewers falling since a title or category change (analytics' viewer changes with their causes), and
// chat questions waiting unanswered for a while (analytics' questions). Each kind is alerted at most once per
// channel per cooldown, so a busy channel is not spammed; timestamps follow the collectors' clock.

import { getChatQuestions, getViewerChanges, listChannels } from '../analytics/index.ts';
import type { Config } from '../config.ts';
import type { EpochMs } from '../domain.ts';
import type { Ingest, IngestRecord } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { Notification } from './notification.ts';

export interface LiveAlertsOptions {
  store: Store;
  ingest: Ingest;
  notify(notification: Notification): Promise<void>;
  config: Pick<Config, 'notifications'>;
  log: Logger;
  /** Where people open streamlens (links). */
  publicUrl: () => string;
  /** The collectors' clock (the demo runs faster than real time). */
  clock?: { now(): EpochMs; speed: number };
}

const raidDedupMs = 10 * 60_000;
/** A change older than this is not news any more. */
const recentMs = 15 * 60_000;

/** Starts watching; `stop()` ends the checks. */
export function startLiveAlerts(options: LiveAlertsOptions): { stop(): Promise<void> } {
  const { store, log, config } = options;
  const clock = options.clock ?? { now: Date.now, speed: 1 };
  const settings = config.notifications;
  const wanted = new Set(settings.targets.flatMap((t) => t.events));
  const cooldownMs = settings.alertCooldownMinutes * 60_000;
  const lastAlert = new Map<string, EpochMs>();
  const raids = new Map<string, EpochMs>();
  const alertedQuestions = new Set<string>();
  const logins = new Map<string, string>();

  const loginOf = async (channelId: string): Promise<string | null> => {
    if (!logins.has(channelId)) for (const c of await listChannels(store)) logins.set(c.id, c.login);
    return logins.get(channelId) ?? null;
  };
  /** Sends unless this kind was alerted for the channel within the cooldown. */
  const alert = async (
    event: Notification['event'],
    channelId: string,
    build: (login: string | null) => Omit<Notification, 'event' | 'channel' | 'at'>,
  ) => {
    const now = clock.now();
    const key = `${channelId}:${event}`;
    if (now - (lastAlert.get(key) ?? Number.NEGATIVE_INFINITY) < cooldownMs) return;
    lastAlert.set(key, now);
    const login = await loginOf(channelId);
    await options.notify({ ...build(login), event, channel: { id: channelId, login }, at: now });
  };
  const streamUrl = (streamId: string | null) =>
    streamId ? `${options.publicUrl().replace(/\/+$/, '')}/streams/${encodeURIComponent(streamId)}` : null;

  const onRecords = (records: readonly IngestRecord[]) => {
    for (const record of records) {
      const raid = toIncomingRaid(record);
      if (!raid) continue;
      const key = `${raid.channelId}:${raid.from.toLowerCase()}`;
      if (raid.ts - (raids.get(key) ?? Number.NEGATIVE_INFINITY) < raidDedupMs) continue;
      raids.set(key, raid.ts);
      alert('raid', raid.channelId, (login) => ({
        subject: raid.id,
        title: `${login ?? raid.channelId}: raid from ${raid.from}${raid.viewers === null ? '' : ` with ${raid.viewers} viewers`}`,
        text: `${raid.from} raided ${login ?? 'the channel'}${raid.viewers === null ? '' : ` with ${raid.viewers} viewers`}. Say hi and tell them what is going on.`,
        url: streamUrl(raid.streamId),
        fields: [],
        data: { from: raid.from, viewers: raid.viewers, at: new Date(raid.ts).toISOString(), streamId: raid.streamId },
      })).catch((error: Error) => log.warn('could not queue a raid alert', { error: error.message }));
    }
  };
  const unsubscribe = wanted.has('raid') ? options.ingest.onStored(onRecords) : () => {};

  const checkStreams = async () => {
    if (!wanted.has('viewers-falling') && !wanted.has('questions-waiting')) return;
    for (const open of await store.listOpenStreams()) {
      if (wanted.has('viewers-falling')) await checkViewersFalling(open.id, open.channelId);
      if (wanted.has('questions-waiting')) await checkQuestions(open.id, open.channelId);
    }
  };

  const checkViewersFalling = async (streamId: string, channelId: string) => {
    const result = await getViewerChanges(store, streamId);
    if (!result || !('changes' in result)) return;
    const now = clock.now();
    const change = result.changes.find(
      (c) =>
        c.direction === 'drop' &&
        c.changePct <= -settings.viewersFallingPct &&
        now - c.toTs <= recentMs &&
        c.causes.some((cause) => cause.kind === 'category-change' || cause.kind === 'title-change'),
    );
    if (!change) return;
    const cause = change.causes.find((c) => c.kind === 'category-change' || c.kind === 'title-change')!;
    await alert('viewers-falling', channelId, (login) => ({
      subject: `${streamId}:${change.fromTs}`,
      title: `${login ?? channelId}: viewers down ${Math.round(-change.changePct)}% since the ${cause.kind === 'category-change' ? 'category' : 'title'} change`,
      text: `${change.before} → ${change.after} viewers by ${change.offsetLabel} into the stream, after ${cause.description}.`,
      url: streamUrl(streamId),
      fields: [],
      data: {
        streamId,
        before: change.before,
        after: change.after,
        changePct: change.changePct,
        at: change.offsetLabel,
        cause: cause.description,
      },
    }));
  };

  const checkQuestions = async (streamId: string, channelId: string) => {
    const result = await getChatQuestions(store, streamId);
    if (!result || !('questions' in result)) return;
    const now = clock.now();
    const waitMs = settings.questionsWaitingMinutes * 60_000;
    const waiting = result.questions.filter(
      (q) =>
        !q.answered &&
        now - q.ts >= waitMs &&
        now - q.ts <= waitMs + recentMs &&
        !alertedQuestions.has(`${streamId}:${q.ts}:${q.userLogin}`),
    );
    if (waiting.length === 0) return;
    const shown = waiting.slice(0, 5);
    const before = lastAlert.get(`${channelId}:questions-waiting`);
    await alert('questions-waiting', channelId, (login) => ({
      subject: `${streamId}:${shown[0]!.ts}:${shown[0]!.userLogin}`,
      title: `${login ?? channelId}: ${waiting.length} chat question${waiting.length === 1 ? '' : 's'} waiting for ${settings.questionsWaitingMinutes}+ minutes`,
      text: shown.map((q) => `${q.userLogin}: ${q.text}`).join('\n'),
      url: streamUrl(streamId),
      fields: [],
      data: {
        streamId,
        questions: shown.map((q) => ({ from: q.userLogin, text: q.text, at: new Date(q.ts).toISOString() })),
      },
    }));
    // Only questions that went out are done; during a cooldown they may be listed by the next alert.
    if (lastAlert.get(`${channelId}:questions-waiting`) !== before)
      for (const q of shown) alertedQuestions.add(`${streamId}:${q.ts}:${q.userLogin}`);
  };

  let checking: Promise<void> | undefined;
  const timer = setInterval(
    () => {
      if (checking) return;
      checking = checkStreams()
        .catch((error: Error) => log.warn('live alert check failed', { error: error.message }))
        .finally(() => {
          checking = undefined;
        });
    },
    Math.max(500, 60_000 / clock.speed),
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await checking;
    },
  };
}

interface IncomingRaid {
  id: string;
  channelId: string;
  streamId: string | null;
  ts: EpochMs;
  from: string;
  viewers: number | null;
}

/** An incoming raid as chat (USERNOTICE msg-id raid) or EventSub (channel.raid to this channel) reports it. */
function toIncomingRaid(record: IngestRecord): IncomingRaid | undefined {
  if (record.kind === 'event' && record.event.type === 'raid' && record.event.userLogin) {
    const e = record.event;
    return {
      id: e.id,
      channelId: e.channelId,
      streamId: e.streamId,
      ts: e.ts,
      from: e.userLogin!,
      viewers: numberOf(e.data.viewerCount),
    };
  }
  if (record.kind === 'channelEvent' && record.event.type === 'channel.raid') {
    const e = record.event;
    if (e.data.toBroadcasterUserId !== e.channelId) return undefined;
    const from = typeof e.data.fromBroadcasterUserLogin === 'string' ? e.data.fromBroadcasterUserLogin : e.userLogin;
    if (!from) return undefined;
    return {
      id: e.id,
      channelId: e.channelId,
      streamId: e.streamId,
      ts: e.ts,
      from,
      viewers: numberOf(e.data.viewers),
    };
  }
  return undefined;
}

function numberOf(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
