// What `demo --until-end` reports: what the simulator sent next to what streamlens stored, per channel.

import { getRecordedActivity } from '../../analytics/index.ts';
import type { Scenario, SimLedger } from '../../sim/index.ts';
import type { Store } from '../../store/store.ts';

export interface ChannelComparison {
  login: string;
  /**
   * `undeliverable`: sent while no connection could exist (the simulator had cut them, or streamlens had not
   * joined yet; Twitch does not replay chat); `lost`: the others that were not stored.
   */
  chatMessages: { sent: number; stored: number; undeliverable: number; lost: number; unexpected: number };
  chatEvents: Record<string, { sent: number; stored: number; undeliverable: number }>;
  /** `missed`: notifications due while the subscription's session had no socket (after a drop). */
  eventsub: Record<string, { delivered: number; stored: number; missed: number }>;
  /**
   * Viewer counts: `served` per simulated minute by the simulator, `stored` snapshots, and `mismatched` stored
   * readings that differ from the count Get Streams answered that poll with.
   */
  viewers: { served: number; stored: number; mismatched: number; firstMismatch: string | null };
  streams: {
    id: string;
    startedAt: number;
    endedAt: number | null;
    storedStartedAt: number | null;
    storedEndedAt: number | null;
  }[];
}

export interface DemoSummary {
  matches: boolean;
  channels: ChannelComparison[];
  text: string;
}

export interface SummarizeDemoOptions {
  /** The newest record before this run (a demo restarted on its database): what came before is not this run's. */
  after?: number | null;
}

/** Compares the simulator's ledger with the database, channel by channel. */
export async function summarizeDemo(
  store: Store,
  scenario: Scenario,
  ledger: SimLedger,
  options: SummarizeDemoOptions = {},
): Promise<DemoSummary> {
  const channels: ChannelComparison[] = [];
  let matches = true;
  for (const channel of scenario.channels) {
    const sent = ledger.channels.get(channel.login);
    if (!sent) continue;
    // From ten minutes before the first stream (chat sent before a stream starts belongs to the run too), but
    // never what an earlier run recorded.
    const recorded = await getRecordedActivity(
      store,
      channel.id,
      Math.max(Math.min(...sent.streams.map((s) => s.startedAt)) - 600_000, (options.after ?? -Infinity) + 1),
    );
    const storedIds = new Set(recorded.chatMessageIds);
    let lost = 0;
    for (const id of sent.chatMessageIds) if (!storedIds.has(id) && !sent.chatUndeliverableIds.has(id)) lost++;
    let unexpected = 0;
    for (const id of storedIds) if (!sent.chatMessageIds.has(id)) unexpected++;

    const chatEvents: ChannelComparison['chatEvents'] = {};
    for (const [type, n] of Object.entries(sent.chatEvents))
      chatEvents[type] = { sent: n, stored: 0, undeliverable: sent.chatEventsUndeliverable[type] ?? 0 };
    for (const [type, n] of Object.entries(recorded.chatEvents))
      chatEvents[type] = { sent: 0, undeliverable: 0, ...chatEvents[type], stored: n };
    const eventsub: ChannelComparison['eventsub'] = {};
    for (const type of new Set([...Object.keys(sent.eventsubDelivered), ...Object.keys(sent.eventsubMissed)]))
      eventsub[type] = {
        delivered: sent.eventsubDelivered[type] ?? 0,
        stored: 0,
        missed: sent.eventsubMissed[type] ?? 0,
      };
    for (const [type, n] of Object.entries(recorded.eventSubEvents))
      eventsub[type] = { delivered: 0, missed: 0, ...eventsub[type], stored: n };
    const storedStreams = new Map(recorded.streams.map((s) => [s.id, s]));
    const streams = sent.streams.map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      storedStartedAt: storedStreams.get(s.id)?.startedAt ?? null,
      storedEndedAt: storedStreams.get(s.id)?.endedAt ?? null,
    }));
    const viewers = compareViewerReadings(sent.viewers, sent.viewersServed, recorded.viewerReadings);
    const undeliverable = sent.chatUndeliverableIds.size;
    const ok =
      lost === 0 &&
      unexpected === 0 &&
      // Chat that could never reach streamlens is no loss, but some chat must have: else nothing was checked.
      (sent.chatMessageIds.size === 0 || undeliverable < sent.chatMessageIds.size) &&
      Object.values(chatEvents).every((c) => c.sent - c.undeliverable === c.stored) &&
      Object.values(eventsub).every((c) => c.delivered === c.stored) &&
      viewers.mismatched === 0 &&
      (sent.viewers.length === 0 || viewers.stored > 0) &&
      streams.every((s) => s.storedStartedAt !== null && (s.endedAt === null || s.storedEndedAt !== null));
    matches &&= ok;
    channels.push({
      login: channel.login,
      chatMessages: { sent: sent.chatMessageIds.size, stored: storedIds.size, undeliverable, lost, unexpected },
      chatEvents,
      eventsub,
      viewers,
      streams,
    });
  }
  return { matches, channels, text: toText(channels, matches) };
}

/**
 * Stored viewer readings against the counts the simulator's Get Streams served: each stored reading must be the
 * count of the first answer served at or after its poll began (the poll stamps its time, then asks).
 */
export function compareViewerReadings(
  perMinute: readonly { ts: number; count: number }[],
  served: readonly { ts: number; count: number }[],
  stored: readonly { ts: number; viewers: number }[],
): ChannelComparison['viewers'] {
  let mismatched = 0;
  let firstMismatch: string | null = null;
  let i = 0;
  for (const reading of stored) {
    while (i < served.length && served[i]!.ts < reading.ts) i++;
    const answer = served[i];
    if (answer && answer.count === reading.viewers) continue;
    mismatched++;
    firstMismatch ??= `${new Date(reading.ts).toISOString()}: stored ${reading.viewers}, served ${answer?.count ?? 'nothing'}`;
  }
  return { served: perMinute.length, stored: stored.length, mismatched, firstMismatch };
}

function toText(channels: ChannelComparison[], matches: boolean): string {
  const out: string[] = [];
  for (const c of channels) {
    out.push(`#${c.login}`);
    const m = c.chatMessages;
    out.push(
      `  chat messages   sent ${m.sent}, stored ${m.stored} (${m.lost} lost, ${m.unexpected} unexpected)` +
        (m.undeliverable > 0 ? `; ${m.undeliverable} sent while no connection could exist` : ''),
    );
    const events = Object.entries(c.chatEvents).map(
      ([t, v]) =>
        `${t} ${v.stored}/${v.sent - v.undeliverable}${v.undeliverable > 0 ? ` (+${v.undeliverable} sent while no connection could exist)` : ''}`,
    );
    out.push(`  chat events     ${events.join(', ') || 'none'}`);
    const es = Object.entries(c.eventsub).map(
      ([t, v]) =>
        `${t} ${v.stored}/${v.delivered}${v.missed > 0 ? ` (+${v.missed} due while no connection could exist)` : ''}`,
    );
    out.push(`  EventSub        ${es.join(', ') || 'none'}`);
    const v = c.viewers;
    out.push(
      `  viewer counts   served ${v.served} (one a simulated minute), stored ${v.stored} polls, ${v.mismatched} not as served` +
        (v.firstMismatch ? ` (first: ${v.firstMismatch})` : ''),
    );
    for (const s of c.streams) {
      const startDelta =
        s.storedStartedAt === null
          ? 'not stored'
          : `start ${((s.storedStartedAt - s.startedAt) / 1000).toFixed(0)} s off`;
      const end =
        s.storedEndedAt === null
          ? 'no end stored'
          : `ended ${s.endedAt === null ? '?' : `${((s.storedEndedAt - s.endedAt) / 1000).toFixed(0)} s off`}`;
      out.push(`  stream ${s.id}   ${startDelta}, ${end}`);
    }
  }
  out.push(matches ? 'Everything the simulator sent was stored exactly once.' : 'MISMATCH: see the lines above.');
  return `${out.join('\n')}\n`;
}
