import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { skipWithout } from '../../test/support/skip-without.ts';
import { loadConfig } from '../config.ts';
import { isQuotable, toTranscriptSegments } from './transcript-segments.ts';
import { checkTranscriptionPrerequisites } from './transcription-prerequisites.ts';

const result = {
  words: [],
  segments: [
    { text: ' hey chat ', startMs: 1000, endMs: 2500, confidence: 0.9 },
    { text: 'climb to die of aids', startMs: 3000, endMs: 4000, confidence: 0.2 },
  ],
};

test('segments get wall-clock times from the chunk start and deterministic ids', () => {
  const chunk = { startTs: 1_000_000, overlapMs: 1500 };
  const a = toTranscriptSegments(result, chunk, 'c1', 'pocketsphinx');
  assert.deepEqual(a[0], {
    id: 'c1:1000000:pocketsphinx',
    channelId: 'c1',
    streamId: null,
    startTs: 1_000_000,
    endTs: 1_001_000,
    text: 'hey chat',
    confidence: 0.9,
    engine: 'pocketsphinx',
  });
  assert.equal(a[1]?.startTs, 1_001_500);
  assert.deepEqual(toTranscriptSegments(result, chunk, 'c1', 'pocketsphinx'), a, 're-transcribing gives the same ids');
});

test('low-confidence text is never quotable', () => {
  const [good, bad] = toTranscriptSegments(result, { startTs: 0, overlapMs: 0 }, 'c', 'e');
  assert.equal(isQuotable(good!, 0.6), true);
  assert.equal(isQuotable(bad!, 0.6), false);
  assert.equal(isQuotable({ text: ' ', confidence: 1 }, 0.6), false);
});

test('prerequisites: installed binaries pass; a remote engine then needs its key', {
  skip: await skipWithout('ffmpeg', 'pocketsphinx'),
}, () => {
  const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'sl-pre-')), env: {} });
  assert.deepEqual(checkTranscriptionPrerequisites(config), { ok: true });
  const google = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'sl-pre-')),
    env: { STREAMLENS_TRANSCRIBE_ENGINE: 'google' },
  });
  const keyless = checkTranscriptionPrerequisites(google);
  assert.ok(!keyless.ok && /no API key/.test(keyless.message));
});

test('prerequisites: missing binaries name the apt command', () => {
  const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'sl-pre-')), env: {} });
  const missing = checkTranscriptionPrerequisites(config, { PATH: '/nonexistent' });
  assert.equal(missing.ok, false);
  assert.ok(!missing.ok && missing.installHint === 'sudo apt-get install ffmpeg pocketsphinx pocketsphinx-en-us');
  assert.ok(!missing.ok && /ffmpeg and pocketsphinx/.test(missing.message));
});
