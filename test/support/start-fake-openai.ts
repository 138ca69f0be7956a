// A loopback server speaking the OpenAI Chat Completions API (JSON and SSE streaming), answering each
// request with the next scripted reply and keeping every request body so tests can inspect what was sent.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  | { text: string; usage?: number }
  | { toolCalls: { name: string; arguments: string }[]; text?: string; usage?: number }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  /** Streams the first characters of `text`, then goes silent with the stream still open. */
  | { stallAfter: string };

export interface FakeOpenAI {
  baseUrl: string;
  /** Parsed JSON bodies of the chat completion requests received, in order. */
  requests: { body: Record<string, unknown>; raw: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1:0; replies come from `script` in order (or from a function of the request). */
export async function startFakeOpenAI(
  script: FakeReply[] | ((requestIndex: number, body: Record<string, unknown>) => FakeReply),
): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    const index = requests.length;
    requests.push({ body, raw, headers: req.headers });
    const reply = typeof script === 'function' ? script(index, body) : script[index];
    if (!reply) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"script exhausted"}}');
      return;
    }
    if ('hang' in reply) {
      hanging.add(res);
      return;
    }
    if ('stallAfter' in reply) {
      hanging.add(res);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'fake' };
      for (const content of ['', reply.stallAfter])
        res.write(
          `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`,
        );
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}` } }));
      return;
    }
    if (body.stream === true)
      writeStream(res, reply, Boolean((body.stream_options as { include_usage?: boolean })?.include_usage));
    else writeJson(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ContentReply = Exclude<FakeReply, { status: number } | { hang: true } | { stallAfter: string }>;

function toolCallsOf(reply: ContentReply) {
  return 'toolCalls' in reply
    ? reply.toolCalls.map((c, i) => ({ id: `call_${i}_${c.name}`, type: 'function', function: c }))
    : undefined;
}

function usageOf(reply: ContentReply) {
  const total = reply.usage ?? 30;
  return { prompt_tokens: total - 10, completion_tokens: 10, total_tokens: total };
}

function writeJson(res: ServerResponse, reply: ContentReply): void {
  const toolCalls = toolCallsOf(reply);
  const message = { role: 'assistant', content: reply.text ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  const finish = toolCalls ? 'tool_calls' : 'stop';
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'fake',
      choices: [{ index: 0, message, finish_reason: finish }],
      usage: usageOf(reply),
    }),
  );
}

function writeStream(res: ServerResponse, reply: ContentReply, includeUsage: boolean): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices, ...extra })}\n\n`,
    );
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    send([{ index: 0, delta: d, finish_reason: finish }]);
  delta({ role: 'assistant', content: '' });
  // Text arrives in small pieces, as real servers send it.
  for (const piece of (reply.text ?? '').match(/.{1,7}/gs) ?? []) delta({ content: piece });
  const toolCalls = toolCallsOf(reply) ?? [];
  toolCalls.forEach((call, index) => {
    delta({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
    });
    for (const piece of call.function.arguments.match(/.{1,5}/gs) ?? [])
      delta({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  delta({}, toolCalls.length ? 'tool_calls' : 'stop');
  if (includeUsage) send([], { usage: usageOf(reply) });
  res.end('data: [DONE]\n\n');
}
