// Generated traffic (bench/corpus.ts) translates completely, and every emote range points at its emote's code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCorpus } from '../../../bench/corpus.ts';
import { translateIrcLine } from './translate-irc-line.ts';

const EMOTE_CODES: Record<string, string> = { '25': 'Kappa', '425618': 'LUL', '9': '<3', '1': ':)' };

test('a generated corpus translates without drops and with correct emote positions', () => {
  const directory = new Map<string, string>();
  const counts = new Map<string, number>();
  let checkedEmotes = 0;
  for (const line of generateCorpus({ lines: 5000, seed: 3, channels: 2 })) {
    const result = translateIrcLine(line, directory);
    assert.notEqual(result.kind, 'dropped', line);
    const key = result.kind === 'event' ? result.event.type : result.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (result.kind !== 'message') continue;
    const codePoints = [...result.message.text];
    for (const emote of result.message.emotes) {
      const code = EMOTE_CODES[emote.id];
      if (code === undefined) continue;
      assert.equal(codePoints.slice(emote.start, emote.end + 1).join(''), code, line);
      checkedEmotes++;
    }
  }
  assert.ok(checkedEmotes > 100);
  assert.ok((counts.get('message') ?? 0) > 4500);
  for (const type of ['resub', 'raid', 'timeout', 'delete']) assert.ok((counts.get(type) ?? 0) > 0, type);
});

test('the same seed gives the same lines, another seed different ones', () => {
  const a = [...generateCorpus({ lines: 200, seed: 5 })];
  assert.deepEqual([...generateCorpus({ lines: 200, seed: 5 })], a);
  assert.notDeepEqual([...generateCorpus({ lines: 200, seed: 6 })], a);
  assert.equal(a.length, 200);
});

test('the realistic corpus (40 channels, every tag, CJK and emoji) translates without drops and with correct emote positions', () => {
  const codes: Record<string, string> = { ...EMOTE_CODES, '1902': 'Keepo', '305954156': 'PogChamp' };
  const directory = new Map<string, string>();
  const channels = new Set<string>();
  const types = new Set<string>();
  let checkedEmotes = 0;
  for (const line of generateCorpus({ lines: 20_000, seed: 4, profile: 'realistic' })) {
    const result = translateIrcLine(line, directory);
    assert.notEqual(result.kind, 'dropped', line);
    if (result.kind === 'event') types.add(result.event.type);
    if (result.kind !== 'message') continue;
    channels.add(result.message.channelId);
    const codePoints = [...result.message.text];
    for (const emote of result.message.emotes) {
      const code = codes[emote.id];
      if (code === undefined) continue;
      assert.equal(codePoints.slice(emote.start, emote.end + 1).join(''), code, line);
      checkedEmotes++;
    }
  }
  assert.ok(checkedEmotes > 1000);
  assert.ok(channels.size >= 30, `${channels.size} channels`);
  for (const type of ['resub', 'subgift', 'raid', 'viewermilestone', 'timeout', 'delete'])
    assert.ok(types.has(type), type);
});
