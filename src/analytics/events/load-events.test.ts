import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore } from '../../../test/support/open-test-store.ts';
import { loadStreamEvents } from './load-events.ts';

const MIN = 60_000;

describeEachBackend('loadStreamEvents', (backend) => {
  it('takes subs and raids per family: EventSub where it reported that family, chat where it did not', async () => {
    const fx = await openTestStore(backend);
    const stream = makeStream({ id: 'mixed', endedAt: baseTs + 60 * MIN });
    await fx.store.write({ channels: [makeChannel()], streams: [stream] });
    await fx.store.write({
      channelEvents: [
        makeChannelEvent({ streamId: 'mixed', ts: baseTs + 5 * MIN, type: 'channel.subscribe', userLogin: 'ann' }),
        makeChannelEvent({ streamId: 'mixed', ts: baseTs + 6 * MIN, type: 'channel.follow', userLogin: 'eve' }),
      ],
      chatEvents: [
        // The same sub in chat: EventSub reported subs for this stream, so it is not counted again.
        makeChatEvent({ streamId: 'mixed', ts: baseTs + 5 * MIN, type: 'sub', userLogin: 'ann' }),
        // Only chat reported the raid (no channel.raid subscription): it counts.
        makeChatEvent({
          streamId: 'mixed',
          ts: baseTs + 10 * MIN,
          type: 'raid',
          userLogin: 'friend',
          data: { viewerCount: 40 },
        }),
        makeChatEvent({ streamId: 'mixed', ts: baseTs + 11 * MIN, type: 'submysterygift', userLogin: 'gifter' }),
      ],
      chatMessages: [makeChatMessage({ streamId: 'mixed', ts: baseTs + 12 * MIN, bits: 100 })],
    });
    const events = (
      await loadStreamEvents(fx.store, [
        { id: 'mixed', channelId: stream.channelId, startedAt: baseTs, endTs: baseTs + 60 * MIN },
      ])
    ).get('mixed')!;
    assert.deepEqual(
      events.map((e) => [e.kind, e.userLogin, e.source]),
      [
        ['sub', 'ann', 'channel_events'],
        ['follow', 'eve', 'channel_events'],
        ['raid-in', 'friend', 'chat_events'],
      ],
      'no chat sub, no mystery-gift notice, and no chat bits beside EventSub',
    );
    await fx.close();
  });
});
