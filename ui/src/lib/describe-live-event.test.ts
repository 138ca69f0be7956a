import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLiveEvent } from './describe-live-event.ts';

test('a raid reads from the channel side: in is "raided you", out is "You raided"', () => {
  const raidIn = {
    toBroadcasterUserId: '1',
    fromBroadcasterUserId: '2',
    fromBroadcasterUserLogin: 'belfyn',
    viewers: 42,
  };
  assert.equal(
    describeLiveEvent({ type: 'channel.raid', userLogin: 'belfyn', data: raidIn }, '1'),
    'belfyn raided you with 42 viewers',
  );
  const raidOut = {
    fromBroadcasterUserId: '1',
    toBroadcasterUserId: '3',
    toBroadcasterUserLogin: 'cozyforge',
    viewers: 1,
  };
  assert.equal(
    describeLiveEvent({ type: 'channel.raid', userLogin: 'cozyforge', data: raidOut }, '1'),
    'You raided cozyforge with 1 viewer',
  );
  assert.equal(
    describeLiveEvent({ type: 'raid', userLogin: 'pal', data: { viewerCount: 7 } }, '1'),
    'pal raided you with 7 viewers',
  );
});

test('cheers carry their bits with the right plural; hype trains read as sentences', () => {
  assert.equal(
    describeLiveEvent({ type: 'channel.cheer', userLogin: 'belfyn_6', data: { bits: 1 } }, '1'),
    'belfyn_6 cheered 1 bit',
  );
  assert.equal(
    describeLiveEvent({ type: 'channel.cheer', userLogin: 'a', data: { bits: 2500 } }, '1'),
    'a cheered 2,500 bits',
  );
  assert.equal(
    describeLiveEvent(
      { type: 'channel.hype_train.progress', userLogin: null, data: { level: 2, progress: 237, goal: 1100 } },
      '1',
    ),
    'Hype train at level 2 (22% to the next)',
  );
  assert.equal(
    describeLiveEvent({ type: 'channel.hype_train.end', userLogin: null, data: { level: 3 } }, '1'),
    'Hype train ended at level 3',
  );
  assert.equal(
    describeLiveEvent({ type: 'channel.subscription.gift', userLogin: 'g', data: { total: 5 } }, '1'),
    'g gifted 5 subs',
  );
});

test('stream start and end, and a type with no sentence of its own, never read "Someone: …"', () => {
  assert.equal(describeLiveEvent({ type: 'stream.online', userLogin: null, data: {} }, '1'), 'The stream went live');
  assert.equal(describeLiveEvent({ type: 'stream.offline', userLogin: null, data: {} }, '1'), 'The stream ended');
  assert.equal(describeLiveEvent({ type: 'channel.goal.begin', userLogin: null, data: {} }, '1'), 'Goal begin');
  assert.equal(describeLiveEvent({ type: 'channel.goal.begin', userLogin: 'x', data: {} }, '1'), 'x: goal begin');
});
