import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeChatEvent, makeChatMessage } from '../../test/support/make-records.ts';
import { findInvalidReason, isTwitchId } from './validate-record.ts';

it("takes Twitch's decimal ids and an import's login: ids, nothing else", () => {
  for (const id of ['1', '12826', '987654321012', 'login:cool_streamer_99', 'login:Ab'])
    assert.equal(isTwitchId(id), true, id);
  for (const id of ['', 'abc', '12a', ' 123', '-1', '1'.repeat(21), '1'.repeat(100_000), 'login:', 'login:a b'])
    assert.equal(isTwitchId(id), false, id.slice(0, 40));
  assert.equal(isTwitchId(`login:${'a'.repeat(100_000)}`), false);
});

it('drops chat and events with ids that are not Twitch ids, or too long, each with its reason', () => {
  const message = (over: Parameters<typeof makeChatMessage>[0]) =>
    findInvalidReason({ kind: 'message', message: makeChatMessage(over) });
  assert.equal(message({}), undefined);
  assert.equal(message({ channelId: 'abc' }), 'message: bad channel id');
  assert.equal(message({ channelId: '1'.repeat(100_000) }), 'message: bad channel id');
  assert.equal(message({ userId: 'abc' }), 'message: bad user id');
  assert.equal(message({ sourceChannelId: 'abc' }), 'message: bad source channel id');
  assert.equal(message({ id: 'f'.repeat(100_000) }), 'message: id too long');
  assert.equal(message({ userId: 'login:viewer1', channelId: 'login:teststreamer' }), undefined);
  const event = (over: Parameters<typeof makeChatEvent>[0]) =>
    findInvalidReason({ kind: 'event', event: makeChatEvent(over) });
  assert.equal(event({ channelId: 'abc' }), 'event: bad channel id');
  assert.equal(event({ userId: 'x'.repeat(50) }), 'event: bad user id');
  assert.equal(event({ id: 'e'.repeat(129) }), 'event: id too long');
  assert.equal(event({ userId: null }), undefined);
});
