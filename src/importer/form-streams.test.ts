// Streams formed from imported chat: gaps, known streams, declared videos, deterministic ids.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamFormer } from './form-streams.ts';

const min = 60_000;

test('a silence longer than the gap ends a stream; ids are the channel and first message time', () => {
  const former = new StreamFormer({ gapMs: 30 * min, known: [] });
  const ids = [0, 10 * min, 39 * min, 80 * min, 81 * min].map((ts) => former.attachMessage('c1', ts));
  assert.deepEqual(ids, [
    'import:c1:0',
    'import:c1:0',
    'import:c1:0',
    `import:c1:${80 * min}`,
    `import:c1:${80 * min}`,
  ]);
  const formed = former.finish();
  assert.deepEqual(
    formed.map((s) => [s.id, s.startedAt, s.endedAt, s.messages, s.source]),
    [
      ['import:c1:0', 0, 39 * min, 3, 'gaps'],
      [`import:c1:${80 * min}`, 80 * min, 81 * min, 2, 'gaps'],
    ],
  );
  assert.deepEqual(
    former.takeStreamsToWrite().map((s) => [s.id, s.endedAt]),
    [
      ['import:c1:0', 39 * min],
      [`import:c1:${80 * min}`, 81 * min],
    ],
  );
});

test('chat inside a known stream belongs to it and forms nothing; channels are grouped apart', () => {
  const former = new StreamFormer({
    gapMs: 30 * min,
    known: [{ id: 'live-1', channelId: 'c1', startedAt: 0, endedAt: 60 * min }],
  });
  assert.equal(former.attachMessage('c1', 5 * min), 'live-1');
  assert.equal(former.attachMessage('c2', 5 * min), `import:c2:${5 * min}`);
  assert.equal(former.attachEvent('c2', 5 * min), `import:c2:${5 * min}`);
  assert.equal(former.attachEvent('c3', 5 * min), null);
  assert.deepEqual(
    former.finish().map((s) => s.id),
    [`import:c2:${5 * min}`],
  );
});

test('a declared video takes the chat in its span; chat after it forms a stream of its own', () => {
  const former = new StreamFormer({ gapMs: 30 * min, known: [] });
  former.declare({
    id: 'import:c1:0',
    channelId: 'c1',
    startedAt: 0,
    endedAt: 120 * min,
    title: 'VOD',
    gameId: null,
    gameName: null,
    language: null,
    tags: [],
    vodId: '99',
  });
  assert.equal(former.attachMessage('c1', 100 * min), 'import:c1:0');
  assert.equal(former.attachMessage('c1', 200 * min), `import:c1:${200 * min}`);
  const formed = former.finish();
  assert.deepEqual(
    formed.map((s) => [s.id, s.source, s.messages]),
    [
      ['import:c1:0', 'video', 1],
      [`import:c1:${200 * min}`, 'gaps', 1],
    ],
  );
});
