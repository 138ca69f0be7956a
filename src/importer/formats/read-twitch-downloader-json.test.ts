// TwitchDownloader JSON read as a stream: the same items whatever the chunk boundaries, embedded data skipped.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readTwitchDownloaderJson, type TwitchDownloaderItem } from './read-twitch-downloader-json.ts';

const file = readFileSync(new URL('../../../test/fixtures/import/twitchdownloader.json', import.meta.url));

async function itemsOf(chunks: Buffer[]): Promise<TwitchDownloaderItem[]> {
  async function* source() {
    yield* chunks;
  }
  const items: TwitchDownloaderItem[] = [];
  for await (const item of readTwitchDownloaderJson(source())) items.push(item);
  return items;
}

test('reads the streamer, the video and every comment of a real-shaped file', async () => {
  const items = await itemsOf([file]);
  assert.deepEqual(
    items.map((i) => i.kind),
    ['streamer', 'video', 'comment', 'comment', 'comment', 'comment'],
  );
  assert.deepEqual(items[0], { kind: 'streamer', login: 'pajlada', id: '11148817' });
  assert.deepEqual(items[1], {
    kind: 'video',
    video: { id: '1701234567', title: 'Beating the record', startedAt: Date.UTC(2023, 0, 1, 12), lengthMs: 7_200_000 },
  });
  const second = items[3]!;
  assert.ok(second.kind === 'comment' && second.result.kind === 'line');
  assert.deepEqual(second.result.line.emotes, [
    { id: '25', start: 0, end: 4 },
    { id: '25', start: 8, end: 12 },
  ]);
  assert.equal(second.result.line.text, 'Kappa 😂 Kappa');
  assert.equal(second.result.line.userId, '40286300');
  const notice = items[5]!;
  assert.deepEqual(notice.kind === 'comment' && notice.result, { kind: 'skipped', reason: 'user notice' });
});

test('gives the same items whatever the chunk boundaries (one byte at a time, or cut inside characters)', async () => {
  const whole = JSON.stringify(await itemsOf([file]));
  const bytes = [...Array(file.length).keys()].map((i) => file.subarray(i, i + 1));
  assert.equal(JSON.stringify(await itemsOf(bytes)), whole);
  for (const size of [7, 64, 333]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < file.length; i += size) chunks.push(file.subarray(i, i + size));
    assert.equal(JSON.stringify(await itemsOf(chunks)), whole);
  }
});

test('a file cut short is an error, not a silent partial import', async () => {
  await assert.rejects(itemsOf([file.subarray(0, file.length - 40)]), SyntaxError);
});
