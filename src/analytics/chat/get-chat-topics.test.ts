import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getChatTopics } from './get-chat-topics.ts';

describeEachBackend('getChatTopics', (backend) => {
  let fx: TestStore;
  const stream = makeStream({ id: 'topics', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 20) });
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({ channels: [makeChannel()], streams: [stream] });
    let i = 0;
    const say = (user: string, text: string, emotes: { id: string; start: number; end: number }[] = []) =>
      makeChatMessage({
        streamId: 'topics',
        ts: stream.startedAt + ++i * 1000,
        userId: `u-${user}`,
        userLogin: user,
        text,
        emotes,
      });
    await fx.store.write({
      chatMessages: [
        // One chatter repeating a word is no topic; greetings and reactions are none either.
        ...Array.from({ length: 20 }, () => say('spammer', 'buy followers')),
        ...['ann', 'bob', 'cat', 'dan', 'eve'].map((u) => say(u, 'hi chat lol')),
        say('ann', 'that boss fight was brutal'),
        say('bob', 'boss fight again?'),
        say('cat', 'best boss fight so far Kappa', [{ id: '25', start: 23, end: 27 }]),
        say('dan', 'the music slaps'),
        say('eve', 'music is great'),
      ],
    });
  });
  after(() => fx.close());

  it('ranks what chatters wrote about by how many of them did, phrases as one, without fillers or emotes', async () => {
    const r = await getChatTopics(fx.store, 'topics');
    assert.ok(r && !('status' in r));
    assert.deepEqual(
      r.topics.map((t) => [t.word, t.chatters, t.uses]),
      [
        ['boss fight', 3, 3],
        ['music', 2, 2],
      ],
    );
    assert.equal(r.topics[0]!.example.userLogin, 'ann');
    assert.equal(r.messages, 30);
  });

  it('is null for a stream that does not exist', async () => {
    assert.equal(await getChatTopics(fx.store, 'nope'), null);
  });
});
