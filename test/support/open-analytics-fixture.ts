// A small planted channel history for the analytics and agent tests: known patterns at known minutes, so each
// question can be checked to recover them. Deterministic (seeded), a few thousand records, on either backend.

import type { ChannelEvent, ChatMessage, StreamSnapshot, TranscriptSegment } from '../../src/domain.ts';
import type { WriteBatch } from '../../src/store/store.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
  makeTranscriptSegment,
} from './make-records.ts';
import { type Backend, openTestStore, type TestStore } from './open-test-store.ts';

export const MIN = 60_000;
export const CH = '1001';
/** Tue 6 Oct 2026 18:00 UTC: the planted stream. */
export const mainStart = Date.UTC(2026, 9, 6, 18, 0, 0);
const DAY = 86_400_000;

export type AnalyticsFixture = TestStore;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > l);
  return k - 1;
}

const regulars = ['reg1', 'reg2', 'reg3', 'reg4', 'reg5'];
const flatTexts = ['nice play', 'hello', 'how is everyone', 'gg', 'that was close', 'good move', 'hmm'];

interface PlannedStream {
  id: string;
  startedAt: number;
  minutes: number;
  game: string;
  viewers: number;
}

/**
 * History of channel 1001 (small: 10–30 viewers, ~3 messages a minute):
 * - Chess streams on Fridays 20:00 UTC average 30 viewers; Just Chatting on Tuesdays 18:00 UTC 12.
 * - `s-main` (Tue, Just Chatting, 120 min, vod v123): hype at minute 40 (KEKW burst), ad break of 120 s at
 *   minute 60 then viewers 10 → 6, raid in at minute 90 (6 → 25), questions answered by reply (min 10), by
 *   transcript (min 30) and unanswered (min 20); first-timers newbie1 (welcomed, returns in s-after) and
 *   newbie2 (ignored).
 * - `s-after` (Fri, Chess). Channel 2002 has `s-empty`: no snapshots, no chat.
 */
export async function openAnalyticsFixture(backend: Backend): Promise<AnalyticsFixture> {
  const fx = await openTestStore(backend);
  for (const batch of planAnalyticsHistory()) await fx.store.write(batch);
  return fx;
}

/** The fixture's records as the batches written in order (chat ids are random: write one plan to compare stores). */
export function planAnalyticsHistory(): WriteBatch[] {
  const batches: WriteBatch[] = [];
  const random = rng(42);
  const plan: PlannedStream[] = [];
  for (let w = 3; w >= 1; w--) {
    plan.push({
      id: `s-tue-${w}`,
      startedAt: mainStart - w * 7 * DAY,
      minutes: 60,
      game: 'Just Chatting',
      viewers: 12,
    });
    plan.push({
      id: `s-fri-${w}`,
      startedAt: mainStart - w * 7 * DAY + 3 * DAY + 2 * 3_600_000,
      minutes: 60,
      game: 'Chess',
      viewers: 30,
    });
  }
  plan.push({ id: 's-main', startedAt: mainStart, minutes: 120, game: 'Just Chatting', viewers: 10 });
  plan.push({ id: 's-after', startedAt: mainStart + 3 * DAY + 2 * 3_600_000, minutes: 60, game: 'Chess', viewers: 30 });

  batches.push({
    channels: [
      makeChannel({ id: CH, login: 'smallstreamer', displayName: 'SmallStreamer' }),
      makeChannel({ id: '2002', login: 'quiet', displayName: 'Quiet' }),
    ],
    streams: [
      ...plan.map((p) =>
        makeStream({
          id: p.id,
          channelId: CH,
          startedAt: p.startedAt,
          endedAt: p.startedAt + p.minutes * MIN,
          title: p.game === 'Chess' ? 'Chess speedruns to 2000' : 'Chatting with chat',
          gameName: p.game,
          gameId: p.game === 'Chess' ? '743' : '509658',
          vodId: p.id === 's-main' ? 'v123' : null,
        }),
      ),
      makeStream({ id: 's-empty', channelId: '2002', startedAt: mainStart, endedAt: mainStart + 30 * MIN }),
    ],
  });

  for (const p of plan) {
    const snaps: StreamSnapshot[] = [];
    const chat: ChatMessage[] = [];
    const events: ChannelEvent[] = [];
    const main = p.id === 's-main';
    for (let m = 0; m < p.minutes; m++) {
      const ts = p.startedAt + m * MIN;
      let viewers = p.viewers + (m % 3) - 1;
      if (main && m >= 62) viewers = 6;
      if (main && m >= 91) viewers = 25;
      snaps.push(makeSnapshot({ channelId: CH, streamId: p.id, ts, viewerCount: viewers, gameName: p.game }));
      const n = main && m === 40 ? 0 : poisson(random, 3);
      for (let i = 0; i < n; i++) {
        const login = regulars[Math.floor(random() * regulars.length)]!;
        chat.push(
          msg(p.id, ts + Math.floor(random() * 59_000), login, flatTexts[Math.floor(random() * flatTexts.length)]!),
        );
      }
      if (m % 15 === 7)
        events.push(
          makeChannelEvent({
            channelId: CH,
            streamId: p.id,
            ts: ts + 1000,
            type: 'channel.follow',
            userLogin: `f-${p.id}-${m}`,
          }),
        );
    }
    if (main) plantMain(p, chat, events);
    if (p.id === 's-after') chat.push(msg(p.id, p.startedAt + 5 * MIN, 'newbie1', 'back again, loved last stream'));
    batches.push({
      snapshots: snaps,
      chatMessages: chat,
      channelEvents: events,
      transcriptSegments: main ? mainTranscript() : [],
    });
  }
  return batches;
}

function msg(streamId: string, ts: number, login: string, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return makeChatMessage({
    channelId: CH,
    streamId,
    ts,
    userId: `u-${login}`,
    userLogin: login,
    displayName: login,
    text,
    ...extra,
  });
}

function plantMain(p: PlannedStream, chat: ChatMessage[], events: ChannelEvent[]): void {
  const at = (minute: number, second = 0) => p.startedAt + minute * MIN + second * 1000;
  const streamer = {
    userId: CH,
    userLogin: 'smallstreamer',
    displayName: 'SmallStreamer',
    badges: [{ name: 'broadcaster', version: '1' }],
  };
  // The hype: 26 messages in minute 40, most laughing, with Twitch emote ranges on "LUL".
  for (let i = 0; i < 26; i++) {
    const login = i < 5 ? regulars[i]! : `lurker${i}`;
    const text = i % 2 === 0 ? 'KEKW KEKW' : 'LUL that fall';
    chat.push(
      msg(p.id, at(40, 2 * i + 1), login, text, i % 2 === 1 ? { emotes: [{ id: '425618', start: 0, end: 2 }] } : {}),
    );
  }
  // Questions: answered by a reply, unanswered, answered on stream (transcript).
  const q1 = msg(p.id, at(10, 5), 'reg1', 'what rank are you?');
  chat.push(q1);
  chat.push(
    msg(p.id, at(11, 0), 'smallstreamer', 'about 1500 right now', {
      ...streamer,
      replyParentId: q1.id,
      replyParentUserLogin: 'reg1',
    }),
  );
  chat.push(msg(p.id, at(20, 5), 'reg2', 'how long have you been streaming?'));
  chat.push(msg(p.id, at(30, 5), 'reg3', 'what keyboard do you use?'));
  // First-timers: newbie1 is welcomed, newbie2 is not.
  chat.push(msg(p.id, at(50, 0), 'newbie1', 'hi first time here', { firstMsg: true }));
  chat.push(msg(p.id, at(51, 0), 'smallstreamer', '@newbie1 welcome in!', streamer));
  chat.push(msg(p.id, at(70, 0), 'newbie2', 'hello from Spain', { firstMsg: true }));
  events.push(
    makeChannelEvent({
      channelId: CH,
      streamId: p.id,
      ts: at(60),
      type: 'channel.ad_break.begin',
      userLogin: null,
      data: { durationSeconds: 120, isAutomatic: true },
    }),
    makeChannelEvent({
      channelId: CH,
      streamId: p.id,
      ts: at(89, 30),
      type: 'channel.raid',
      userLogin: 'bigfriend',
      data: {
        fromBroadcasterUserId: '3003',
        fromBroadcasterUserLogin: 'bigfriend',
        toBroadcasterUserId: CH,
        toBroadcasterUserLogin: 'smallstreamer',
        viewers: 19,
      },
    }),
    makeChannelEvent({
      channelId: CH,
      streamId: p.id,
      ts: at(45),
      type: 'channel.subscribe',
      userLogin: 'reg4',
      data: { tier: '1000', isGift: false },
    }),
    makeChannelEvent({
      channelId: CH,
      streamId: p.id,
      ts: at(46),
      type: 'channel.cheer',
      userLogin: 'reg5',
      data: { bits: 100 },
    }),
  );
}

function mainTranscript(): TranscriptSegment[] {
  const seg = (minute: number, second: number, text: string, confidence: number) =>
    makeTranscriptSegment({
      channelId: CH,
      streamId: 's-main',
      startTs: mainStart + minute * MIN + second * 1000,
      endTs: mainStart + minute * MIN + (second + 4) * 1000,
      text,
      confidence,
    });
  return [
    seg(31, 0, 'my keyboard is a custom build with brown switches', 0.9),
    seg(39, 55, 'oh no I just fell off the map', 0.85),
    seg(40, 10, 'zzkq garbled noise', 0.3),
    seg(89, 40, 'welcome raiders from bigfriend', 0.9),
  ];
}
