import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { type FakeReply, startFakeOpenAI } from '../../../test/support/start-fake-openai.ts';
import { loadConfig } from '../../config.ts';
import { isStreamlensError } from '../../errors.ts';
import { silentLogger } from '../../log.ts';
import { type AgentEvent, createAgent } from '../index.ts';

const apiKey = 'sk-test-secret-key-0123456789';

function makeConfig(baseUrl: string, extra: Record<string, unknown> = {}) {
  return loadConfig({
    cwd: mkdtempSync(`${tmpdir()}/streamlens-agent-`),
    env: { STREAMLENS_AI_BASE_URL: baseUrl, STREAMLENS_AI_MODEL: 'fake-model', STREAMLENS_AI_API_KEY: apiKey },
    flags: extra,
  });
}

describeEachBackend('agent loop against a loopback OpenAI-compatible server', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  async function ask(
    script: FakeReply[] | ((i: number) => FakeReply),
    question: string,
    extra: Record<string, unknown> = {},
  ) {
    const fake = await startFakeOpenAI(script);
    const agent = createAgent({ store: fx.store, config: makeConfig(fake.baseUrl, extra), log: silentLogger });
    const events: AgentEvent[] = [];
    try {
      const result = await agent.ask(question, { onEvent: (e) => events.push(e) }).catch((error: unknown) => error);
      return { result, events, fake, agent };
    } finally {
      await fake.close();
    }
  }

  it('runs a two-step tool call, streams the answer, cites it and stores the conversation', async () => {
    const answer =
      'Your stream [s-main](/streams/s-main) lasted 120 minutes; the hype was at [40:00](/streams/s-main?t=2400000).';
    const { result, events, fake, agent } = await ask(
      [{ toolCalls: [{ name: 'stream_summary', arguments: '{"stream":"s-main"}' }] }, { text: answer }],
      'How did s-main go?',
    );
    assert.ok(!(result instanceof Error), String(result));
    assert.equal(agent.mode, 'model');
    assert.deepEqual(
      [...new Set(events.map((e) => e.type))],
      ['conversation', 'tool_call', 'tool_result', 'text', 'done'],
    );
    const toolResult = events.find((e) => e.type === 'tool_result');
    assert.equal(
      toolResult?.type === 'tool_result' && (toolResult.output as { stream: { id: string } }).stream.id,
      's-main',
    );
    const streamed = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    assert.equal(streamed, answer);
    const done = events.at(-1);
    assert.ok(done?.type === 'done');
    assert.equal(done.answer, answer);
    assert.deepEqual(
      done.citations.map((c) => c.href),
      ['/streams/s-main', '/streams/s-main?t=2400000'],
    );
    // What went over the wire: tools offered with JSON schemas, streaming with usage, the key as a bearer.
    const first = fake.requests[0]!;
    assert.equal(first.body.stream, true);
    assert.equal(first.headers.authorization, `Bearer ${apiKey}`);
    const tools = first.body.tools as { function: { name: string; parameters: { type: string } } }[];
    assert.ok(tools.some((t) => t.function.name === 'run_sql' && t.function.parameters.type === 'object'));
    const second = fake.requests[1]!.body.messages as { role: string; content: string }[];
    assert.match(second.at(-1)!.content, /"durationMinutes"/);
    assert.equal(second.at(-1)!.role, 'tool');
    const id = (result as { conversationId: string }).conversationId;
    const stored = await agent.getConversation(id);
    assert.deepEqual(
      stored?.messages.map((m) => [m.role, m.toolName]),
      [
        ['user', undefined],
        ['tool', 'stream_summary'],
        ['assistant', undefined],
      ],
    );
    assert.ok((await agent.listConversations()).some((c) => c.id === id && c.title === 'How did s-main go?'));

    // A follow-up in the same conversation carries the earlier turn.
    const fake2 = await startFakeOpenAI([{ text: 'Same stream, yes.' }]);
    const agent2 = createAgent({ store: fx.store, config: makeConfig(fake2.baseUrl), log: silentLogger });
    await agent2.ask('and the chat?', { conversationId: id, onEvent: () => {} });
    await fake2.close();
    const history = fake2.requests[0]!.body.messages as { role: string; content: string }[];
    assert.deepEqual(
      history.slice(1).map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
  });

  it('maps 401, 404 and exhausted 429 to clear upstream errors without leaking the key', async () => {
    for (const [reply, pattern] of [
      [{ status: 401 }, /the API key was rejected — check STREAMLENS_AI_API_KEY/],
      [
        { status: 404, body: { error: { message: 'model not found' } } },
        /model fake-model not found at http:\/\/127\.0\.0\.1/,
      ],
      [{ status: 429, headers: { 'retry-after': '0' } }, /rate-limiting/],
    ] as const) {
      const { result, events } = await ask(() => reply, 'How did s-main go?');
      assert.ok(isStreamlensError(result) && result.code === 'UPSTREAM', String(result));
      assert.match(result.message, pattern);
      assert.ok(!result.message.includes(apiKey));
      const last = events.at(-1);
      assert.ok(last?.type === 'error' && pattern.test(last.message));
    }
  });

  it('retries a 429 honouring Retry-After, then answers', async () => {
    const { result, fake } = await ask(
      [
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 429, headers: { 'retry-after': '0' } },
        { text: 'ok' },
      ],
      'hi',
    );
    assert.equal((result as { answer: string }).answer, 'ok');
    assert.equal(fake.requests.length, 3);
  });

  it('gives up on a silent server after the configured time', async () => {
    const { result } = await ask([{ hang: true }], 'hi', { 'ai.timeoutMs': 1000 });
    assert.ok(isStreamlensError(result));
    assert.match(result.message, /no answer (from .* )?within 1000 ms/);
  });

  it('a stream that stalls midway is a timeout, not an answer, and nothing is stored as one', async () => {
    const { result, events, agent } = await ask([{ stallAfter: 'The best time to stream is' }], 'when?', {
      'ai.timeoutMs': 1000,
    });
    assert.ok(isStreamlensError(result), String(result));
    assert.match(result.message, /no answer within 1000 ms/);
    assert.ok(!events.some((e) => e.type === 'done'));
    assert.deepEqual(
      events.filter((e) => e.type === 'error').map((e) => (e as { message: string }).message),
      [result.message],
    );
    const conversationId = (events[0] as { id: string }).id;
    const stored = await agent.getConversation(conversationId);
    const answers = stored?.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
    assert.deepEqual(answers, [`(error) ${result.message}`]);
  });

  it('says when the server cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const agent = createAgent({
      store: fx.store,
      config: makeConfig(`http://127.0.0.1:${port}/v1`),
      log: silentLogger,
    });
    await assert.rejects(
      agent.ask('hi', { onEvent: () => {} }),
      /cannot reach http:\/\/127\.0\.0\.1:\d+\/v1 — is the server running\?/,
    );
  });

  it('stops at maxSteps by asking for an answer without tools', async () => {
    const { result, fake } = await ask(
      (i) => (i < 2 ? { toolCalls: [{ name: 'list_streams', arguments: '{}' }] } : { text: 'final from what I have' }),
      'loop forever',
      { 'ai.maxSteps': 3 },
    );
    assert.equal((result as { answer: string }).answer, 'final from what I have');
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.requests[2]!.body.tools, undefined);
  });

  it('stops when the token budget is spent', async () => {
    const { result } = await ask([{ toolCalls: [{ name: 'list_streams', arguments: '{}' }], usage: 250_000 }], 'big');
    assert.ok(isStreamlensError(result));
    assert.match(result.message, /250000 tokens, over the limit/);
  });
});
