import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestChannel, makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { formatEventLine } from '../irc/format-irc-line.ts';
import { buildWorld } from '../scenario/build-world.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { planChannelTimeline } from './plan-timeline.ts';

const start = Date.parse('2024-06-01T18:00:00Z');

function wireOf(scenario: Scenario): string[] {
  const world = buildWorld(scenario, start);
  return world.channels.flatMap((c) =>
    [...planChannelTimeline(world, c)].map((e) => formatEventLine(e) ?? `${e.kind} ${e.ts}`),
  );
}

test('the same seed gives the same traffic, byte for byte; another seed does not', () => {
  const a = wireOf(makeTestScenario());
  const b = wireOf(makeTestScenario());
  assert.ok(a.length > 500);
  assert.deepEqual(a, b);
  const c = wireOf(makeTestScenario({ seed: 100 }));
  assert.notDeepEqual(a.slice(0, 50), c.slice(0, 50));
});

test('another run of the scenario is a new broadcast: new stream id, new message ids, the same chatters', () => {
  const run = (at: number) => {
    const world = buildWorld(makeTestScenario(), at);
    const channel = world.channels[0]!;
    const events = [...planChannelTimeline(world, channel)];
    return {
      streamId: channel.streams[0]!.id,
      messageIds: new Set(events.flatMap((e) => (e.kind === 'chat' ? [e.line.id] : []))),
      chatters: channel.regulars.map((c) => c.login),
    };
  };
  const first = run(start);
  const again = run(start + 86_400_000);
  assert.notEqual(again.streamId, first.streamId);
  assert.equal([...again.messageIds].filter((id) => first.messageIds.has(id)).length, 0);
  assert.deepEqual(again.chatters, first.chatters);
  assert.equal(run(start).streamId, first.streamId, 'the same start time gives the same broadcast');
});

test('the timeline is in time order and message ids are unique', () => {
  const world = buildWorld(makeTestScenario(), start);
  const events = [...planChannelTimeline(world, world.channels[0]!)];
  for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.ts <= events[i]!.ts, `out of order at ${i}`);
  const ids = events.flatMap((e) => (e.kind === 'chat' ? [e.line.id] : []));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(events[0]?.kind, 'stream-online');
  assert.equal(events.at(-1)?.kind, 'stream-offline');
});

test('chat rate follows viewers and first-msg is sent once per chatter', () => {
  const small = makeTestChannel('small', '2001');
  const big = makeTestChannel('big', '2002', { streams: [{ ...small.streams![0]!, viewers: { base: 240 } }] });
  const world = buildWorld(makeTestScenario({ channels: [small, big] }), start);
  const chatOf = (i: number) =>
    [...planChannelTimeline(world, world.channels[i]!)].flatMap((e) => (e.kind === 'chat' ? [e.line] : []));
  const [few, many] = [chatOf(0), chatOf(1)];
  const ratio = many.length / few.length;
  assert.ok(ratio > 3 && ratio < 5, `ratio ${ratio}`);
  const firsts = many.filter((l) => l.firstMsg).map((l) => l.chatter.id);
  assert.equal(new Set(firsts).size, firsts.length);
  assert.ok(firsts.length > 0 && many.some((l) => l.returningChatter));
});

test('a planted moment is an emote burst at its offset', () => {
  const channel = makeTestChannel('hype', '3001');
  const stream = {
    ...channel.streams![0]!,
    moments: [{ at: '10m', duration: '1m', messagesPerMinute: 200, emotes: ['PogChamp'] }],
  };
  const world = buildWorld(makeTestScenario({ channels: [{ ...channel, streams: [stream] }] }), start);
  const lines = [...planChannelTimeline(world, world.channels[0]!)].flatMap((e) => (e.kind === 'chat' ? [e.line] : []));
  const streamStart = world.channels[0]!.streams[0]!.startAt;
  const inMinute = (m: number) => lines.filter((l) => Math.floor((l.ts - streamStart) / 60_000) === m);
  const pog = (m: number) => inMinute(m).filter((l) => l.text.includes('PogChamp')).length;
  assert.ok(pog(10) > 150, `burst minute has ${pog(10)}`);
  assert.ok(pog(10) > 10 * Math.max(1, pog(5)));
});
