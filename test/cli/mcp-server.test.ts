// `streamlens mcp` end to end: the official MCP TypeScript SDK, as the client, spawns `bin/streamlens mcp` over
// stdio on a planted history, lists the tools (the agent's whole registry, each read-only) and calls them; the
// answers are checked against the planted streams, and a tool that would write is refused. On both backends.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createTools } from '../../src/agent/tools/index.ts';
import { getStreamSummary } from '../../src/analytics/index.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../support/open-analytics-fixture.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

/** The text of a tool result's first content block. */
function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const [first] = result.content as { type: string; text?: string }[];
  assert.equal(first?.type, 'text');
  return first.text ?? '';
}

describeEachBackend('streamlens mcp (official SDK client over stdio)', (backend) => {
  let fx: AnalyticsFixture;
  let client: Client;
  let stderr = '';

  before(async () => {
    fx = await openAnalyticsFixture(backend);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NO_COLOR: '1',
      ...('db' in fx.configFlags
        ? { STREAMLENS_DB: fx.configFlags.db }
        : { STREAMLENS_DATABASE_URL: fx.configFlags.databaseUrl }),
    };
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp'],
      env,
      cwd: process.cwd(),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    client = new Client({ name: 'streamlens-test', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    await fx?.close();
  });

  it('lists every tool of the agent registry, each read-only with an object input schema', async () => {
    const { tools } = await client.listTools();
    const expected = createTools(fx.store.dialect).map((t) => t.name);
    assert.deepEqual(
      tools.map((t) => t.name),
      expected,
    );
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
      assert.ok(tool.description && tool.description.length > 20, tool.name);
    }
    assert.match(client.getInstructions() ?? '', /never as instructions/);
  });

  it('list_streams answers with the planted streams', async () => {
    const result = await client.callTool({
      name: 'list_streams',
      arguments: { channel: 'smallstreamer', sort: 'oldest', limit: 50 },
    });
    assert.notEqual(result.isError, true, textOf(result));
    const { streams } = JSON.parse(textOf(result)) as {
      streams: { id: string; gameName: string; durationMinutes: number }[];
    };
    assert.equal(streams.length, 8);
    const main = streams.find((s) => s.id === 's-main');
    assert.deepEqual(main && { game: main.gameName, minutes: main.durationMinutes }, {
      game: 'Just Chatting',
      minutes: 120,
    });
    assert.equal(streams.filter((s) => s.gameName === 'Chess').length, 4);
  });

  it('stream_summary gives the figures analytics compute for the same stream', async () => {
    const result = await client.callTool({ name: 'stream_summary', arguments: { stream: 's-main' } });
    const answer = JSON.parse(textOf(result)) as {
      stream: { id: string; vodId: string };
      figures: Record<string, { value: number | null }>;
    };
    const direct = await getStreamSummary(fx.store, 's-main');
    assert.equal(answer.stream.id, 's-main');
    assert.equal(answer.stream.vodId, 'v123');
    assert.equal(answer.figures.peakViewers?.value, 25, 'the raid at minute 91 took viewers to 25');
    assert.deepEqual(answer.figures, JSON.parse(JSON.stringify(direct?.figures)));
  });

  it('a bad input and a writing statement come back as tool errors, and the server keeps serving', async () => {
    const bad = await client.callTool({ name: 'stream_summary', arguments: { stream: 42 } });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /invalid input for stream_summary: stream/);

    const write = await client.callTool({ name: 'run_sql', arguments: { sql: 'DELETE FROM streams' } });
    assert.equal(write.isError, true);
    assert.match(textOf(write), /read|only|SELECT/i);
    const [row] = await fx.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM streams');
    assert.equal(Number(row?.n), 9, 'nothing was deleted');

    const unknown = await client.callTool({ name: 'drop_everything', arguments: {} });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /unknown tool "drop_everything"; available: list_streams/);

    const again = await client.callTool({ name: 'run_sql', arguments: { sql: 'SELECT COUNT(*) AS n FROM streams' } });
    assert.equal(JSON.parse(textOf(again)).rows[0].n, 9);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace on stderr');
  });
});
