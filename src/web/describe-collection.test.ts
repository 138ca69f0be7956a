import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../config.ts';
import type { CollectorsStats } from '../twitch/collect.ts';
import { describeCollection, toTwitchState } from './describe-collection.ts';

const chat = (connected: boolean, lastDisconnect: CollectorsStats['chat']['lastDisconnect']) =>
  ({
    channels: [],
    polling: true,
    eventsub: null,
    chat: { connected, channels: 1, lines: 0, messages: 0, events: 0, dropped: {}, reconnects: 0, lastDisconnect },
  }) satisfies CollectorsStats;

test('Twitch is connecting before the collectors run, retrying since the drop, connected once chat is', () => {
  assert.deepEqual(toTwitchState(undefined, 5), { state: 'connecting', since: 5 });
  assert.deepEqual(toTwitchState(chat(true, null), 5), { state: 'connected', since: null });
  assert.deepEqual(toTwitchState(chat(false, { from: 100, to: null }), 5), { state: 'retrying', since: 100 });
  assert.deepEqual(toTwitchState(chat(false, null), 5), { state: 'retrying', since: 5 }, 'never connected');
});

test('transcription without its tools is reported as not ready, with the reason', () => {
  const config = configSchema.parse({
    configFile: '/nonexistent/streamlens.config.json',
    dataDir: '/nonexistent',
    db: '/nonexistent/x.db',
    transcription: { enabled: true, engine: 'pocketsphinx' },
  });
  const status = describeCollection(config, () => undefined, 0, { PATH: '' })();
  assert.equal(status.transcription.enabled, true);
  assert.equal(status.transcription.ready, false);
  assert.match(status.transcription.problem ?? '', /transcription needs ffmpeg and pocketsphinx, not found/);
  assert.match(status.transcription.hint ?? '', /apt-get install ffmpeg/);
  const off = describeCollection(
    { ...config, transcription: { ...config.transcription, enabled: false } },
    () => undefined,
    0,
  )();
  assert.deepEqual(off.transcription, { enabled: false, ready: false, problem: null, hint: null });
});
