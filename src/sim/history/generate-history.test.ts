import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, StreamSnapshot } from '../../domain.ts';
import { defaultScenarioPath, loadScenario } from '../scenario/load-scenario.ts';
import { generateHistory, historyFacts } from './generate-history.ts';

const scenario = loadScenario(defaultScenarioPath());
const endBefore = Date.parse('2024-06-01T00:00:00Z');
const batches = [...generateHistory(scenario, { streams: 24, endBefore })];
const facts = historyFacts(scenario);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

test('history yields one batch per past stream, all ended before endBefore, replayable from the seed', () => {
  assert.equal(batches.length, 24);
  for (const b of batches) {
    assert.equal(b.streams?.length, 1);
    assert.ok(b.streams![0]!.endedAt! <= endBefore);
    assert.ok((b.chatMessages?.length ?? 0) > 200);
  }
  const again = [...generateHistory(scenario, { streams: 24, endBefore })];
  assert.deepEqual(again[5]!.chatMessages!.slice(0, 20), batches[5]!.chatMessages!.slice(0, 20));
});

test('the planted category and slot do better, and viewers drop after the ad break', () => {
  const avg = (filter: (s: StreamSnapshot) => boolean) =>
    mean(
      batches
        .flatMap((b) => b.snapshots!)
        .filter(filter)
        .map((s) => s.viewerCount),
    );
  assert.ok(avg((s) => s.gameId === facts.bestCategory.id) > 1.3 * avg((s) => s.gameId !== facts.bestCategory.id));
  const inSlot = (s: StreamSnapshot) => new Date(s.ts).getUTCDay() === facts.bestSlot.weekday;
  assert.ok(avg(inSlot) > 1.2 * avg((s) => !inSlot(s)));
  const minuteOf = (s: StreamSnapshot) =>
    Math.floor((s.ts - batches.find((b) => b.streams![0]!.id === s.streamId)!.streams![0]!.startedAt) / 60_000);
  const before = avg((s) => minuteOf(s) >= facts.adBreakMinute - 5 && minuteOf(s) < facts.adBreakMinute);
  const after = avg((s) => minuteOf(s) > facts.adBreakMinute && minuteOf(s) <= facts.adBreakMinute + 5);
  assert.ok(after < before * 0.93, `before ${before}, after ${after}`);
  const follows = (best: boolean) =>
    batches
      .flatMap((b) => b.channelEvents!)
      .filter(
        (e) =>
          e.type === 'channel.follow' &&
          (batches.find((b) => b.streams![0]!.id === e.streamId)!.streams![0]!.gameId === facts.bestCategory.id) ===
            best,
      ).length;
  assert.ok(follows(true) / 8 > 1.5 * (follows(false) / 16));
});

test('the hype minute is an emote burst; first-timers return and some questions get answers', () => {
  const messages: ChatMessage[] = batches.flatMap((b) => b.chatMessages!);
  const start = new Map(batches.map((b) => [b.streams![0]!.id, b.streams![0]!.startedAt]));
  const inMinute = (m: number) =>
    messages.filter(
      (x) => Math.floor((x.ts - start.get(x.streamId!)!) / 60_000) === m && x.text.includes(facts.hypeEmote),
    ).length;
  assert.ok(inMinute(facts.hypeMinute) > 5 * Math.max(1, inMinute(facts.hypeMinute - 10)));
  const firstTimers = new Set(messages.filter((m) => m.firstMsg).map((m) => m.userId));
  const streamsOf = new Map<string, Set<string>>();
  for (const m of messages) streamsOf.set(m.userId, (streamsOf.get(m.userId) ?? new Set()).add(m.streamId!));
  assert.ok(
    [...firstTimers].some((id) => streamsOf.get(id)!.size > 1),
    'some first-timers came back',
  );
  const replies = messages.filter((m) => m.userId === facts.channelId && m.replyParentId !== null);
  assert.ok(replies.length > 10);
});
