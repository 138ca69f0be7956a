import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { translateIrcLine } from '../../twitch/irc/translate-irc-line.ts';
import { buildWorld } from '../scenario/build-world.ts';
import { planChannelTimeline } from '../timeline/plan-timeline.ts';
import type { SimChatLine, SimEvent } from '../timeline/sim-event.ts';
import { escapeTagValue, formatEventLine, formatPrivmsg } from './format-irc-line.ts';

const tagNames = (line: string) =>
  line
    .slice(1, line.indexOf(' '))
    .split(';')
    .map((t) => t.split('=')[0]);

function firstEvents(count: number): SimEvent[] {
  const world = buildWorld(makeTestScenario(), Date.parse('2024-06-01T18:00:00Z'));
  const out: SimEvent[] = [];
  for (const event of planChannelTimeline(world, world.channels[0]!)) {
    out.push(event);
    if (out.length >= count) break;
  }
  return out;
}

test('a PRIVMSG carries the tag set of the real captures', () => {
  const fixture = readTwitchFixture('irc/privmsg-first-msg.txt').trim();
  const line = firstEvents(400).find((e) => e.kind === 'chat' && !e.line.replyTo && e.line.bits === 0);
  assert.ok(line?.kind === 'chat');
  const ours = tagNames(formatPrivmsg(line.line));
  // The fixture's emote-only tag is only sent for emote-only lines, the others are always there.
  const expected = tagNames(fixture).filter((t) => t !== 'emote-only');
  assert.deepEqual([...ours].sort(), [...expected].sort());
});

test('every chat line and notice the simulator writes parses with the project parser', () => {
  const directory = new Map<string, string>();
  let messages = 0;
  let events = 0;
  for (const event of firstEvents(3000)) {
    const line = formatEventLine(event);
    if (line === null) continue;
    const result = translateIrcLine(line, directory);
    if (event.kind === 'chat') {
      assert.equal(result.kind, 'message', line);
      if (result.kind !== 'message') continue;
      assert.equal(result.message.id, event.line.id);
      assert.equal(result.message.text, event.line.text);
      assert.equal(result.message.ts, event.line.ts);
      assert.equal(result.message.firstMsg, event.line.firstMsg);
      assert.deepEqual(result.message.emotes, event.line.emotes);
      messages++;
    } else {
      assert.equal(result.kind, 'event', line);
      events++;
    }
  }
  assert.ok(messages > 100 && events > 2, `${messages} messages, ${events} events`);
});

test('emote ranges count code points and tag values are escaped', () => {
  const [first] = firstEvents(200).filter((e) => e.kind === 'chat');
  assert.ok(first?.kind === 'chat');
  const line: SimChatLine = { ...first.line, text: '👉 Kappa; ok', emotes: [{ id: '25', start: 2, end: 6 }] };
  const wire = formatPrivmsg({ ...line, isAction: true, replyTo: { id: 'p1', chatter: line.chatter, text: 'a b;c' } });
  assert.match(wire, /;emotes=25:2-6;/);
  assert.match(wire, /reply-parent-msg-body=a\\sb\\:c;/);
  assert.match(wire, /PRIVMSG #alpha :\u0001ACTION 👉 Kappa; ok\u0001$/);
  assert.equal(escapeTagValue('a\\b\r\n'), 'a\\\\b\\r\\n');
});
