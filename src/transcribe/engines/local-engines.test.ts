import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStreamlensError } from '../../errors.ts';
import { parsePocketsphinxOutput } from './pocketsphinx-engine.ts';
import { trimOverlap } from './stt-engine.ts';
import { createWhisperEngine } from './whisper-engine.ts';

const psOutput = `hey everyone welcome back
<s> 1.390 1.500 0.999700
hey 1.510 1.710 0.917585
everyone(2) 1.720 2.220 0.999800
[NOISE] 2.230 2.300 0.5
<sil> 2.980 3.010 0.945628
welcome 3.020 3.140 0.783309
</s> 3.150 3.500 1.000000
back again
<s> 4.000 4.100 1.0
back 4.100 4.300 0.5
again 4.300 4.700 0.1
</s> 4.700 4.800 1.0
`;

test('pocketsphinx -time output: fillers dropped, (2) stripped, one segment per utterance', () => {
  const r = parsePocketsphinxOutput(psOutput);
  assert.deepEqual(
    r.words.map((w) => w.text),
    ['hey', 'everyone', 'welcome', 'back', 'again'],
  );
  assert.equal(r.segments.length, 2);
  assert.deepEqual(r.segments[1], { text: 'back again', startMs: 4100, endMs: 4700, confidence: 0.3 });
  assert.equal(r.words[0]?.startMs, 1510);
});

test('words ending inside the overlap prefix are dropped, and straddling segments lose them', () => {
  const r = trimOverlap(parsePocketsphinxOutput(psOutput), 2000);
  assert.deepEqual(
    r.words.map((w) => w.text),
    ['everyone', 'welcome', 'back', 'again'],
  );
  assert.equal(r.segments[0]?.text, 'everyone welcome');
  assert.equal(r.segments[0]?.startMs, 1720);
});

test('whisper engine: a missing optional binding is a clear error naming the npm command', async () => {
  await assert.rejects(createWhisperEngine({ modelPath: '/nonexistent/ggml-base.en.bin' }), (error) => {
    assert.ok(isStreamlensError(error));
    assert.equal(error.code, 'UNAVAILABLE');
    assert.match(error.message, /@fugood\/whisper\.node/);
    assert.match(error.hint ?? '', /npm install -E @fugood\/whisper\.node/);
    return true;
  });
});

test('whisper engine: a bad model file is reported with the setting to fix', async () => {
  const fake = {
    initWhisper: async () => {
      throw new Error('Failed to initialize whisper context');
    },
  };
  await assert.rejects(
    createWhisperEngine({ modelPath: '/x.bin', importModule: async () => fake }),
    /cannot load the whisper model \/x\.bin: Failed to initialize whisper context/,
  );
});
