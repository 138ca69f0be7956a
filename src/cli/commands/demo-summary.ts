// What `demo --until-end` reports: what the simulator sent next to what streamlens stored, per channel.

import { getRecordedActivity } from '../../analytics/index.ts';
import type { Scenario, SimLedger } from '../../sim/index.ts';
import type { Store } from '../../store/store.ts';

export interface ChannelComparison {
  login: string;
  chatMessages: { sent: number; stored: number; missing: number; unexpected: number };
  chatEvents: Record<string, { sent: number; stored: number }>;
  eventsub: Record<string, { delivered: number; stored: number }>;
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

/** Compares the simulator's ledger with the database, channel by channel. */
export async function summarizeDemo(store: Store, scenario: Scenario, ledger: SimLedger): Promise<DemoSummary> {
  const channels: ChannelComparison[] = [];
  let matches = true;
  for (const channel of scenario.channels) {
    const sent = ledger.channels.get(channel.login);
    if (!sent) continue;
    // From ten minutes before the first stream: chat sent before a stream starts belongs to the run too.
    const recorded = await getRecordedActivity(
      store,
      channel.id,
      Math.min(...sent.streams.map((s) => s.startedAt)) - 600_000,
    );
    const storedIds = new Set(recorded.chatMessageIds);
    let missing = 0;
    for (const id of sent.chatMessageIds) if (!storedIds.has(id)) missing++;
    let unexpected = 0;
    for (const id of storedIds) if (!sent.chatMessageIds.has(id)) unexpected++;

    const chatEvents: ChannelComparison['chatEvents'] = {};
    for (const [type, n] of Object.entries(sent.chatEvents)) chatEvents[type] = { sent: n, stored: 0 };
    for (const [type, n] of Object.entries(recorded.chatEvents))
      chatEvents[type] = { sent: chatEvents[type]?.sent ?? 0, stored: n };
    const eventsub: ChannelComparison['eventsub'] = {};
    for (const [type, n] of Object.entries(sent.eventsubDelivered)) eventsub[type] = { delivered: n, stored: 0 };
    for (const [type, n] of Object.entries(recorded.eventSubEvents))
      eventsub[type] = { delivered: eventsub[type]?.delivered ?? 0, stored: n };
    const storedStreams = new Map(recorded.streams.map((s) => [s.id, s]));
    const streams = sent.streams.map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      storedStartedAt: storedStreams.get(s.id)?.startedAt ?? null,
      storedEndedAt: storedStreams.get(s.id)?.endedAt ?? null,
    }));
    const ok =
      missing === 0 &&
      unexpected === 0 &&
      Object.values(chatEvents).every((c) => c.sent === c.stored) &&
      Object.values(eventsub).every((c) => c.delivered === c.stored) &&
      streams.every((s) => s.storedStartedAt !== null && (s.endedAt === null || s.storedEndedAt !== null));
    matches &&= ok;
    channels.push({
      login: channel.login,
      chatMessages: { sent: sent.chatMessageIds.size, stored: storedIds.size, missing, unexpected },
      chatEvents,
      eventsub,
      streams,
    });
  }
  return { matches, channels, text: toText(channels, matches) };
}

function toText(channels: ChannelComparison[], matches: boolean): string {
  const out: string[] = [];
  for (const c of channels) {
    out.push(`#${c.login}`);
    out.push(
      `  chat messages   sent ${c.chatMessages.sent}, stored ${c.chatMessages.stored} (${c.chatMessages.missing} missing, ${c.chatMessages.unexpected} unexpected)`,
    );
    const events = Object.entries(c.chatEvents).map(([t, v]) => `${t} ${v.stored}/${v.sent}`);
    out.push(`  chat events     ${events.join(', ') || 'none'}`);
    const es = Object.entries(c.eventsub).map(([t, v]) => `${t} ${v.stored}/${v.delivered}`);
    out.push(`  EventSub        ${es.join(', ') || 'none'}`);
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
