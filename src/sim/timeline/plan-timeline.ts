// A channel's whole simulated life as one time-ordered stream of emissions: each stream going online, its
// title/category changes, a viewer count per minute, every planned minute of chat and events, and going
// offline — with the EventSub side (stream.online, channel.update, stream.offline) of each. The live driver
// and the history generator both consume it, so the two never disagree.

import { createRandom, hashSeed } from '../random.ts';
import type { SimChannel, SimStream, SimWorld } from '../scenario/build-world.ts';
import { createChatState, planMinute } from './plan-minute.ts';
import type { SimEvent } from './sim-event.ts';
import { getViewerCount } from './viewer-count.ts';

/** Yields every emission of `channel`, in time order. */
export function* planChannelTimeline(world: SimWorld, channel: SimChannel): Generator<SimEvent> {
  const state = createChatState(channel);
  for (const stream of channel.streams) yield* planStreamTimeline(world, channel, stream, state);
}

/** Yields one stream's emissions in time order (chat state carries over between a channel's streams). */
export function* planStreamTimeline(
  world: SimWorld,
  channel: SimChannel,
  stream: SimStream,
  state = createChatState(channel),
): Generator<SimEvent> {
  const random = createRandom(hashSeed(world.seed, 'lifecycle', channel.index, stream.index, stream.startAt));
  const bc = {
    broadcaster_user_id: channel.id,
    broadcaster_user_login: channel.login,
    broadcaster_user_name: channel.displayName,
  };
  const base = { channel, streamId: stream.id } as const;
  const eventsub = (ts: number, type: string, event: Record<string, unknown>, version = '1'): SimEvent => ({
    kind: 'eventsub',
    ts,
    id: random.uuid(),
    type,
    version,
    event,
    ...base,
  });

  yield { kind: 'stream-online', ts: stream.startAt, channel, stream };
  yield eventsub(stream.startAt, 'stream.online', {
    id: stream.id,
    ...bc,
    type: 'live',
    started_at: new Date(stream.startAt).toISOString(),
  });

  const pending: SimEvent[] = [];
  const changes = [...stream.changes].sort((a, b) => a.at - b.at);
  let title = stream.title;
  let category = stream.category;
  for (const change of changes) {
    title = change.title ?? title;
    category = change.category ?? category;
    const ts = stream.startAt + change.at;
    pending.push({ kind: 'stream-update', ts, channel, stream, title, category });
    pending.push(
      eventsub(
        ts,
        'channel.update',
        {
          ...bc,
          title,
          language: stream.language,
          category_id: category.id,
          category_name: category.name,
          content_classification_labels: [],
        },
        '2',
      ),
    );
  }

  // Viewers clip the stream's big moments: one or two clips each, half a minute or so in. Their own seeded draws,
  // so the rest of the timeline is what it was without them.
  const clipRandom = createRandom(hashSeed(world.seed, 'clips', channel.index, stream.index, stream.startAt));
  for (const moment of stream.moments) {
    const clips = clipRandom.int(1, 2);
    for (let i = 0; i < clips; i++) {
      const ts = Math.min(stream.endAt - 1, stream.startAt + moment.at + clipRandom.int(15_000, 45_000));
      const pool = channel.regulars.length > 0 ? channel.regulars : channel.casuals;
      pending.push({
        kind: 'clip',
        ts,
        id: toClipSlug(clipRandom.uuid()),
        ...base,
        stream,
        creator: clipRandom.pick(pool),
        title: i === 0 ? moment.label : `${moment.label} (${clipRandom.pick(['again', 'pov', 'reaction'])})`,
        durationSec: clipRandom.int(20, 60),
      });
    }
  }

  const minutes = Math.ceil(stream.duration / 60_000);
  for (let minute = 0; minute < minutes; minute++) {
    const ts = stream.startAt + minute * 60_000;
    pending.push({ kind: 'viewers', ts, channel, stream, count: getViewerCount(world.seed, channel, stream, ts) });
    for (const event of planMinute(world.seed, channel, stream, minute, state))
      pending.push(event.ts >= stream.endAt ? { ...event, ts: stream.endAt - 1 } : event);
    // Everything before the next minute's start is final: later minutes only add events at or after it.
    pending.sort((a, b) => a.ts - b.ts);
    const horizon = ts + 60_000;
    let ready = 0;
    while (ready < pending.length && pending[ready]!.ts < horizon) ready++;
    yield* pending.splice(0, ready);
  }
  pending.sort((a, b) => a.ts - b.ts);
  yield* pending;
  yield eventsub(stream.endAt, 'stream.offline', bc);
  yield { kind: 'stream-offline', ts: stream.endAt, channel, stream };
}

// Clip ids are slugs of words and a suffix (`FunPoisedGiraffeGingerPower-KDy2fwLNuUEHU`); ours only look alike.
const slugWords = ['Brave', 'Quiet', 'Lucky', 'Golden', 'Sleepy', 'Fancy', 'Giraffe', 'Otter', 'Panda', 'Falcon'];
function toClipSlug(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  const words = [0, 1, 2, 3].map((i) => slugWords[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % slugWords.length]);
  return `${words.join('')}-${Buffer.from(hex.slice(8, 20), 'hex').toString('base64url')}`;
}
