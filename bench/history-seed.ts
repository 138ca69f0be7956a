// A channel's history for bench/history.bench.ts, built in bulk without the simulator (which generates ~10k
// messages/s, too slow for hundreds of streams): 2-hour streams four times a week, Zipf-ish chatters drawn from
// regulars and a growing crowd of casuals (first-timers, some of whom come back), questions to the streamer,
// the streamer's replies and @mentions, emotes, a snapshot a minute, follows and subs. Deterministic per seed.
// Each stream's rollup and the channel's history rollups are then built through the product's own path (as at a
// stream's end).

import { keepHistoryRollups, refreshStreamRollups } from '../src/analytics/index.ts';
import type { ChannelEvent, ChatEvent, ChatMessage, Stream, StreamSnapshot } from '../src/domain.ts';
import type { Store } from '../src/store/store.ts';

export const benchChannel = { id: '424242', login: 'historystreamer', displayName: 'HistoryStreamer' };

export interface HistorySeedOptions {
  /** Messages per stream (spread over its 2 hours, with a burst at minute 52). */
  messagesPerStream: number;
  /** Regular chatters (they chat in most streams). */
  regulars: number;
  /** New chatters per stream (casuals; a share of earlier casuals come back too). */
  newcomersPerStream: number;
}

const day = 86_400_000;
const durationMs = 2 * 3_600_000;
const weekdays = [0, 2, 4, 6];
const categories = [
  { id: '490744', name: 'Stardew Valley' },
  { id: '27471', name: 'Minecraft' },
  { id: '509658', name: 'Just Chatting' },
];
const chatter = ['lol', 'nice play', 'KEKW', 'PogChamp PogChamp', 'gg', 'LUL that was close', 'hi chat', 'Sadge'];
const asks = ['what game is next?', 'how long have you been streaming?', 'do you play ranked later?'];

/** Start of stream `k` (0 = oldest) of a history of `total` streams ending before `endBefore`. */
function startOf(k: number, total: number, endBefore: number): number {
  const back = total - k; // streams before the end, four a week
  const week = Math.floor((back - 1) / 4);
  const slot = 3 - ((back - 1) % 4);
  const monday = endBefore - ((new Date(endBefore).getUTCDay() + 6) % 7) * day - 7 * day * (week + 1);
  const d = new Date(monday + weekdays[slot]! * day);
  d.setUTCHours(16 + (k % 3) * 2, 0, 0, 0);
  return d.getTime();
}

/** Writes streams [from, to) of a history of `total` streams (oldest first) in bulk; returns their ids. */
export async function seedHistory(
  store: Store,
  range: { from: number; to: number; total: number; endBefore: number },
  options: HistorySeedOptions,
): Promise<string[]> {
  const ids: string[] = [];
  for (let k = range.from; k < range.to; k++) {
    const batch = buildStream(k, range.total, range.endBefore, options);
    ids.push(batch.stream.id);
    await store.write(
      { channels: [benchChannel], streams: [batch.stream], snapshots: batch.snapshots, chatEvents: batch.chatEvents },
      { bulkLoad: true },
    );
    await store.write({ channelEvents: batch.channelEvents }, { bulkLoad: true });
    for (let i = 0; i < batch.messages.length; i += 5000)
      await store.write({ chatMessages: batch.messages.slice(i, i + 5000) }, { bulkLoad: true });
  }
  await store.catchUp();
  // As the product leaves streams it has seen end (or imported): each finished stream's rollup kept.
  await refreshStreamRollups(store, ids);
  await keepHistoryRollups(store, benchChannel.id);
  return ids;
}

function buildStream(k: number, total: number, endBefore: number, o: HistorySeedOptions) {
  let seed = 7919 * (k + 1);
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const startedAt = startOf(k, total, endBefore);
  const category = categories[k % 3]!;
  const id = `h${String(k).padStart(4, '0')}`;
  const stream: Stream = {
    id,
    channelId: benchChannel.id,
    startedAt,
    endedAt: startedAt + durationMs,
    title: `${category.name} stream #${k + 1}`,
    gameId: category.id,
    gameName: category.name,
    language: 'en',
    tags: ['English'],
    vodId: null,
  };
  const base = 80 + Math.round(60 * random()) + (k % 3 === 0 ? 40 : 0);
  const snapshots: StreamSnapshot[] = [];
  for (let m = 0; m <= 120; m++)
    snapshots.push({
      channelId: benchChannel.id,
      streamId: id,
      ts: startedAt + m * 60_000,
      viewerCount: Math.round(base * (m < 15 ? 0.5 + m / 30 : m > 40 && m < 45 ? 0.8 : 1) + 5 * random()),
      title: stream.title,
      gameId: category.id,
      gameName: category.name,
    });
  // Who chats: the regulars who came, earlier casuals who came back, and this stream's newcomers.
  const people: string[] = [];
  for (let r = 0; r < o.regulars; r++) if (random() < 0.7) people.push(`r${r}`);
  const earlier = k * o.newcomersPerStream;
  for (let c = 0; c < o.newcomersPerStream / 2 && earlier > 0; c++)
    people.push(`c${Math.floor(random() ** 2 * earlier)}`);
  for (let c = 0; c < o.newcomersPerStream; c++) people.push(`c${earlier + c}`);
  const messages: ChatMessage[] = [];
  const times = Array.from({ length: o.messagesPerStream }, (_, i) =>
    i % 20 === 0
      ? startedAt + 52 * 60_000 + Math.floor(random() * 90_000)
      : startedAt + Math.floor(random() * durationMs),
  ).sort((a, b) => a - b);
  let lastQuestion: ChatMessage | undefined;
  for (let i = 0; i < times.length; i++) {
    const ts = times[i]!;
    if (lastQuestion && random() < 0.02) {
      const reply = random() < 0.5;
      messages.push(
        message(`${id}-${i}`, ts, benchChannel.id, benchChannel.login, {
          text: reply ? 'good question, soon' : `@${lastQuestion.userLogin} good question`,
          badges: [{ name: 'broadcaster', version: '1' }],
          replyParentId: reply ? lastQuestion.id : null,
          replyParentUserLogin: reply ? lastQuestion.userLogin : null,
        }),
      );
      lastQuestion = undefined;
      continue;
    }
    // Zipf-ish: a few people write most lines.
    const who = people[Math.floor(random() ** 2.5 * people.length)]!;
    const isAsk = random() < 0.03;
    const text = isAsk ? asks[i % asks.length]! : chatter[Math.floor(random() * chatter.length)]!;
    const m = message(`${id}-${i}`, ts, `u${who}`, `user_${who}`, {
      text,
      emotes: text.startsWith('PogChamp') ? [{ id: '305954156', start: 0, end: 7 }] : [],
      badges: who.startsWith('r') && who.length < 3 ? [{ name: 'moderator', version: '1' }] : [],
    });
    if (isAsk) lastQuestion = m;
    messages.push(m);
  }
  const channelEvents: ChannelEvent[] = [];
  const chatEvents: ChatEvent[] = [];
  for (let e = 0; e < 10; e++) {
    const ts = startedAt + Math.floor(random() * durationMs);
    channelEvents.push({
      id: `${id}-follow-${e}`,
      channelId: benchChannel.id,
      streamId: id,
      ts,
      type: 'channel.follow',
      userId: `uc${earlier + e}`,
      userLogin: `user_c${earlier + e}`,
      data: {},
    });
    if (e % 3 === 0)
      chatEvents.push({
        id: `${id}-sub-${e}`,
        channelId: benchChannel.id,
        streamId: id,
        ts,
        type: 'sub',
        userId: `ur${e}`,
        userLogin: `user_r${e}`,
        data: {},
      });
  }
  return { stream, snapshots, messages, channelEvents, chatEvents };
}

function message(
  id: string,
  ts: number,
  userId: string,
  userLogin: string,
  extra: Partial<ChatMessage> & { text: string },
): ChatMessage {
  return {
    id,
    channelId: benchChannel.id,
    streamId: id.slice(0, 5),
    ts,
    userId,
    userLogin,
    displayName: userLogin,
    isAction: false,
    bits: 0,
    emotes: [],
    badges: [],
    firstMsg: false,
    returningChatter: false,
    replyParentId: null,
    replyParentUserLogin: null,
    sourceChannelId: null,
    color: null,
    deletedAt: null,
    ...extra,
  };
}
