// Full-text search returns the message that holds the words, also when two messages share a millisecond and the
// start of their ids (SQLite's full-text key is the time and 20 bits of the id; ids from other tools' logs are
// rarely hex), on each backend, for live and bulk-loaded writes.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { baseTs, makeChannel, makeChatMessage, makeStream } from '../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../test/support/open-test-store.ts';

describeEachBackend('search with colliding full-text keys', (backend) => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore(backend);
    await t.store.write({
      channels: [makeChannel(), makeChannel({ id: '1002', login: 'otherstreamer', displayName: 'OtherStreamer' })],
      streams: [makeStream()],
    });
  });
  after(() => t.close());

  const ids = async (query: string, channelId?: string) =>
    (await t.store.searchChat(query, { limit: 10, ...(channelId ? { channelId } : {}) })).map((m) => m.id).sort();

  for (const bulkLoad of [false, true]) {
    it(`finds each of two messages in one millisecond with ids that start alike (${bulkLoad ? 'bulk' : 'live'})`, async () => {
      const ts = baseTs + (bulkLoad ? 2000 : 1000);
      const tag = bulkLoad ? 'bulk' : 'live';
      const twitch = [
        makeChatMessage({ id: `abcde111-0000-4000-8000-00000000000${tag.length}`, ts, text: `apple${tag} pie` }),
        makeChatMessage({ id: `abcde222-0000-4000-8000-00000000000${tag.length}`, ts, text: `banana${tag} split` }),
      ];
      // Another tool's ids: no hex digit in the first five characters.
      const other = [
        makeChatMessage({ id: `${tag}-log-line-1`, ts: ts + 1, text: `cherry${tag} tart` }),
        makeChatMessage({ id: `${tag}-log-line-2`, ts: ts + 1, channelId: '1002', text: `damson${tag} jam` }),
      ];
      await t.store.write({ chatMessages: [...twitch, ...other] }, { bulkLoad });
      assert.deepEqual(await ids(`apple${tag}`), [twitch[0]!.id]);
      assert.deepEqual(await ids(`banana${tag}`), [twitch[1]!.id]);
      assert.deepEqual(await ids(`cherry${tag}`), [other[0]!.id]);
      assert.deepEqual(await ids(`damson${tag}`), [other[1]!.id]);
      // The collision crosses channels: a channel's search does not return the other channel's words.
      assert.deepEqual(await ids(`cherry${tag}`, '1002'), []);
      assert.deepEqual(await ids(`damson${tag}`, '1001'), []);
    });
  }

  it('fills the limit with real hits when colliding messages do not match', async () => {
    const ts = baseTs + 5000;
    const messages = Array.from({ length: 6 }, (_, i) =>
      makeChatMessage({
        id: `limit-${i}`,
        ts: ts + Math.floor(i / 2),
        text: i % 2 === 0 ? 'grape soda' : 'plain water',
      }),
    );
    await t.store.write({ chatMessages: messages });
    const hits = await t.store.searchChat('grape', { limit: 3 });
    assert.deepEqual(hits.map((m) => m.id).sort(), ['limit-0', 'limit-2', 'limit-4']);
  });
});
