import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getLapsedRegulars } from './get-lapsed-regulars.ts';

const DAY = 86_400_000;
const first = Date.UTC(2026, 9, 1, 18);

// Eight weekly-ish streams: ann chats in all of them, bob in the first five only (a regular who stopped), cat in
// two early ones (never a regular), dan in streams 2–4 only, the broadcaster in all.
describeEachBackend('getLapsedRegulars', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openTestStore(backend);
    const streams = Array.from({ length: 8 }, (_, i) =>
      makeStream({ id: `lr-${i}`, startedAt: first + i * DAY, endedAt: first + i * DAY + 7_200_000 }),
    );
    await fx.store.write({ channels: [makeChannel()], streams });
    const say = (i: number, userId: string, userLogin: string, n = 1) =>
      Array.from({ length: n }, (_, k) =>
        makeChatMessage({ streamId: `lr-${i}`, ts: first + i * DAY + 60_000 + k * 1000, userId, userLogin }),
      );
    await fx.store.write({
      chatMessages: streams.flatMap((_, i) => [
        ...say(i, '1', 'ann'),
        ...say(i, '1001', 'teststreamer'),
        ...(i < 5 ? say(i, '2', 'bob', 2) : []),
        ...(i < 2 ? say(i, '3', 'cat') : []),
        ...(i >= 2 && i <= 4 ? say(i, '4', 'dan') : []),
      ]),
    });
  });
  after(() => fx.close());

  it('names the regulars of the earlier streams missing from the last three, most streams first', async () => {
    const r = await getLapsedRegulars(fx.store, '1001');
    assert.ok(r);
    assert.deepEqual(
      r.recentStreams.map((s) => s.id),
      ['lr-7', 'lr-6', 'lr-5'],
    );
    assert.equal(r.earlierStreams, 5);
    assert.equal(r.regulars, 3); // ann, bob, dan (cat chatted in 2; the broadcaster is nobody's regular)
    assert.equal(r.stillHere, 1);
    assert.deepEqual(
      r.lapsed.map((l) => [l.login, l.streams, l.messages, l.lastStreamId]),
      [
        ['bob', 5, 10, 'lr-4'],
        ['dan', 3, 3, 'lr-4'],
      ],
    );
  });

  it('is null for a channel with too few finished streams', async () => {
    assert.equal(await getLapsedRegulars(fx.store, 'nobody'), null);
  });
});
