import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import {
  type AnalyticsFixture,
  CH,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import type { Store } from '../../store/store.ts';
import { generateStreamReport } from '../report/generate-stream-report.ts';
import { addresses, loadStreamChat, shareStreamChat } from './load-chat.ts';

/** The store, counting the loads of a stream's chat (the one query that reads reply_parent_user_login). */
function countingChatLoads(store: Store): { store: Store; loads: () => number } {
  let loads = 0;
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'all') return typeof value === 'function' ? value.bind(target) : value;
      return (sql: string, params?: readonly unknown[]) => {
        if (/SELECT id, ts, user_id, user_login, text, emotes, badges, reply_parent_id/.test(sql)) loads++;
        return target.all(sql, params);
      };
    },
  });
  return { store: counted, loads: () => loads };
}

describeEachBackend('loading a stream chat', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('loads the chat once for a whole report, which still has every chat section', async () => {
    const { store, loads } = countingChatLoads(fx.store);
    const report = await generateStreamReport(store, 's-main');
    assert.equal(loads(), 1);
    for (const section of [report.community, report.questions, report.emotes, report.sentiment])
      assert.ok(!('status' in section), 'a chat section has data');
  });

  it('shares a load only inside a scope, so a later call sees chat written since', async () => {
    const { store, loads } = countingChatLoads(fx.store);
    const s = { id: 's-main', channelId: CH, startedAt: mainStart, endTs: mainStart + 3 * 3_600_000 };
    const [a, b] = await shareStreamChat(() => Promise.all([loadStreamChat(store, s), loadStreamChat(store, s)]));
    assert.equal(loads(), 1);
    assert.equal(a, b);
    await fx.store.write({
      chatMessages: [makeChatMessage({ id: 'late-line', channelId: CH, streamId: 's-main', ts: mainStart + 1000 })],
    });
    const later = await loadStreamChat(store, s);
    assert.equal(loads(), 2);
    assert.equal(later.length, a.length + 1);
  });
});

it('addresses a chatter by name as a word, the same however often it is asked', () => {
  const line = (text: string) => ({ text, replyParentUserLogin: null });
  for (let round = 0; round < 3; round++) {
    assert.equal(addresses(line('thanks @Bob_1 for the raid'), 'bob_1'), true);
    assert.equal(addresses(line('bob_12 is here'), 'bob_1'), false);
    assert.equal(addresses(line('hi bob_1'), 'bob_1'), true);
    assert.equal(addresses(line('hi bob_1'), 'alice'), false);
    assert.equal(addresses(line('welcome ユキ!'), 'ユキ'), true);
  }
  assert.equal(addresses({ text: 'sure', replyParentUserLogin: 'Alice' }, 'alice'), true);
  // The answers of the RegExp it replaced, over awkward texts and names.
  const texts = [
    '',
    '@',
    'a b',
    ' x',
    "bob's turn",
    'BOB!',
    '@bob_',
    'ſam here',
    'x__bob',
    'bob bobby',
    '@@bob@@',
    'İbob',
  ];
  for (const text of texts)
    for (const login of ['bob', 'sam', 'bob_', '@@', 'x', 'BoB'])
      assert.equal(
        addresses(line(text), login),
        new RegExp(`(^|[^\\p{L}\\p{N}_])@?${login.replace(/[^\p{L}\p{N}_]/gu, '')}($|[^\\p{L}\\p{N}_])`, 'iu').test(
          text,
        ),
        `${JSON.stringify(text)} / ${login}`,
      );
});
