import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { toWav } from '../capture/wav.ts';
import { createFallbackEngine } from './fallback-engine.ts';
import { toRetryAfterMs } from './fetch-with-retry.ts';
import { createGoogleEngine, toMs } from './google-engine.ts';
import { createOpenAiEngine } from './openai-engine.ts';
import type { SttEngine } from './stt-engine.ts';

process.env.METADATA_SERVER_DETECTION = 'none';
const dir = mkdtempSync(join(tmpdir(), 'sl-engines-'));
const wavPath = join(dir, 'chunk-1.wav');
writeFileSync(wavPath, toWav(Buffer.alloc(32000)));
const chunk = { wavPath, durationMs: 1000, overlapMs: 0 };
const noSleep = { sleep: async () => {}, baseDelayMs: 1 };

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
const servers: { close(): void }[] = [];
after(() => {
  for (const s of servers) s.close();
});
async function startFake(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => handler(req, Buffer.concat(parts), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};

test('openai: multipart verbose_json request; 429 with Retry-After then success', async () => {
  let calls = 0;
  let seen = '';
  const waits: number[] = [];
  const base = await startFake((req, body, res) => {
    calls++;
    seen = `${req.url} ${req.headers.authorization} ${req.headers['content-type']}\n${body.toString('latin1')}`;
    if (calls === 1) return json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '2' });
    json(res, 200, {
      text: 'hello chat',
      segments: [{ id: 0, start: 0.5, end: 1.4, text: ' hello chat', avg_logprob: -0.2, no_speech_prob: 0.01 }],
      words: [
        { word: 'hello', start: 0.5, end: 0.9 },
        { word: 'chat', start: 0.95, end: 1.4 },
      ],
    });
  });
  const engine = createOpenAiEngine({
    baseUrl: `${base}/v1`,
    apiKey: 'sk-test',
    retry: { sleep: async (ms) => void waits.push(ms) },
  });
  const result = await engine.transcribe(chunk);
  assert.equal(calls, 2);
  assert.deepEqual(waits, [2000]);
  assert.match(seen, /^\/v1\/audio\/transcriptions Bearer sk-test multipart\/form-data; boundary=/);
  assert.match(seen, /name="timestamp_granularities\[\]"\r\n\r\nword/);
  assert.match(seen, /name="response_format"\r\n\r\nverbose_json/);
  assert.match(seen, /filename="chunk-1.wav"/);
  assert.equal(result.segments[0]?.text, 'hello chat');
  assert.equal(result.segments[0]?.startMs, 500);
  assert.ok(Math.abs((result.segments[0]?.confidence ?? 0) - Math.exp(-0.2)) < 1e-9);
  assert.equal(result.words[1]?.endMs, 1400);
});

test('openai: a server without words or segments (plain json) still gives one segment', async () => {
  const base = await startFake((_req, _body, res) => json(res, 200, { text: ' just text ' }));
  const result = await createOpenAiEngine({ baseUrl: `${base}/v1` }).transcribe(chunk);
  assert.deepEqual(result.segments, [{ text: 'just text', startMs: 0, endMs: 1000, confidence: 1 }]);
});

test('google: speech:recognize with ?key, proto3 durations and omitted defaults', async () => {
  let request: { url?: string; body?: { config: Record<string, unknown>; audio: { content: string } } } = {};
  const base = await startFake((req, body, res) => {
    request = { url: req.url, body: JSON.parse(body.toString()) };
    json(res, 200, {
      results: [
        {
          alternatives: [
            {
              transcript: 'welcome back',
              confidence: 0.92,
              words: [
                { startTime: '0.100s', endTime: '0.600s', word: 'welcome' },
                { startTime: '0.600s', endTime: '1s', word: 'back' },
              ],
            },
          ],
          resultEndTime: '1.200s',
        },
        { alternatives: [{ transcript: 'no words here' }] },
        {},
      ],
      totalBilledTime: '15s',
    });
  });
  const result = await createGoogleEngine({ baseUrl: base, apiKey: 'k y' }).transcribe(chunk);
  assert.equal(request.url, '/v1/speech:recognize?key=k%20y');
  assert.equal(request.body?.config.encoding, 'LINEAR16');
  assert.equal(request.body?.config.enableWordTimeOffsets, true);
  assert.equal(Buffer.from(request.body?.audio.content ?? '', 'base64').length, 32000, 'raw PCM, no header');
  assert.deepEqual(result.segments[0], { text: 'welcome back', startMs: 100, endMs: 1000, confidence: 0.92 });
  assert.equal(result.segments[1]?.confidence, 0, 'missing confidence is not a quote');
  assert.equal(result.words.length, 2);
  assert.equal(toMs('15s'), 15000);
  assert.equal(toMs(undefined), undefined);
});

test('500s exhaust the retries, then the circuit breaker falls back to the local engine and stays open', async () => {
  let calls = 0;
  const base = await startFake((_req, _body, res) => {
    calls++;
    json(res, 500, { error: { message: 'boom' } });
  });
  const local: SttEngine = {
    name: 'pocketsphinx',
    transcribe: async () => ({ words: [], segments: [{ text: 'local', startMs: 0, endMs: 1, confidence: 0.7 }] }),
  };
  const remote = createOpenAiEngine({ baseUrl: `${base}/v1`, retry: { ...noSleep, retries: 2 } });
  const engine = createFallbackEngine(remote, local, { failureThreshold: 2, cooldownMs: 60_000, now: () => 0 });
  const first = await engine.transcribe(chunk);
  assert.equal(first.engine, 'pocketsphinx');
  assert.equal(first.segments[0]?.text, 'local');
  assert.equal(calls, 3, 'one try + two retries');
  await engine.transcribe(chunk);
  assert.equal(calls, 6);
  await engine.transcribe(chunk);
  assert.equal(calls, 6, 'circuit open: the remote engine is not called');
});

test('a 400 is not retried', async () => {
  let calls = 0;
  const base = await startFake((_req, _body, res) => {
    calls++;
    json(res, 400, { error: { code: 400, message: 'Sync input too long.' } });
  });
  await assert.rejects(createGoogleEngine({ baseUrl: base, apiKey: 'k', retry: noSleep }).transcribe(chunk), /400/);
  assert.equal(calls, 1);
});

test('Retry-After: seconds and HTTP dates', () => {
  assert.equal(toRetryAfterMs('3'), 3000);
  assert.equal(toRetryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
  assert.equal(toRetryAfterMs(null), undefined);
});
