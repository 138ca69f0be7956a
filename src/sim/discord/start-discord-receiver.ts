// A loopback stand-in for Discord's webhook API, for the demo and the tests: Execute Webhook
// (POST /api/webhooks/{id}/{token}, optionally /api/v{n}/…) as Discord documents it — JSON body with content,
// embeds (up to 10, with Discord's length limits), username, allowed_mentions; `?wait=true` answers 200 with the
// message object, else 204; an unknown webhook is 404 {code 10015}, a wrong token 401 {code 50027}, an invalid
// body 400 {code 50035 "Invalid Form Body", errors} or {code 50006} when empty; every answer carries the
// X-RateLimit-* headers of a per-webhook bucket (5 per 2 s), and exceeding it is 429 with `retry_after` in
// seconds (a float), `global: false` and X-RateLimit-Scope: user. Tests can also make it refuse globally (429
// with `global: true`) or fail with a server error for a while. It keeps every message it accepted.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Discord's documented limits of a message and its embeds. */
export const discordLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  username: 80,
  embedTotal: 6000,
} as const;

export interface ReceivedDiscordMessage {
  id: string;
  webhookId: string;
  receivedAt: number;
  wait: boolean;
  body: DiscordWebhookBody;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string; url?: string };
}

export interface DiscordWebhookBody {
  content?: string;
  username?: string;
  embeds?: DiscordEmbed[];
  allowed_mentions?: { parse?: string[] };
}

export interface DiscordReceiver {
  /** The API base to set as `notifications.discordApiBase`, e.g. `http://127.0.0.1:PORT/api`. */
  apiBase: string;
  /** Adds a webhook and returns its URL (`{apiBase}/webhooks/{id}/{token}`). */
  createWebhook(): { id: string; token: string; url: string };
  /** Every message accepted, in order. */
  readonly messages: readonly ReceivedDiscordMessage[];
  /** Called for every accepted message. */
  onMessage(listener: (message: ReceivedDiscordMessage) => void): void;
  /** Every request, whatever was answered (method, path without the token, status). */
  readonly requests: readonly { at: number; webhookId: string; status: number }[];
  /** Answers every request with a global 429 for this long. */
  limitGlobally(seconds: number): void;
  /** Answers the next `count` requests with this server error status. */
  failNext(count: number, status: number): void;
  /** Removes a webhook: later posts to it are 404 Unknown Webhook. */
  deleteWebhook(id: string): void;
  stop(): Promise<void>;
}

const bucketLimit = 5;
const bucketWindowMs = 2000;

/** Starts the receiver on 127.0.0.1 (port 0: any free port). */
export async function startDiscordReceiver(options: { port?: number } = {}): Promise<DiscordReceiver> {
  const webhooks = new Map<string, string>();
  const buckets = new Map<string, { resetAt: number; used: number }>();
  const messages: ReceivedDiscordMessage[] = [];
  const requests: { at: number; webhookId: string; status: number }[] = [];
  const listeners: ((message: ReceivedDiscordMessage) => void)[] = [];
  let globalUntil = 0;
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let nextId = BigInt(Date.now()) << 22n;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: '500: Internal Server Error', code: 0 });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([\w-]+)\/?$/.exec(url.pathname);
    const webhookId = match?.[1] ?? '';
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      requests.push({ at: Date.now(), webhookId, status });
      send(res, status, body, headers);
    };
    const body = await readBody(req);
    if (!match || req.method !== 'POST') return answer(404, { message: '404: Not Found', code: 0 });
    const now = Date.now();
    if (now < globalUntil) {
      const retryAfter = (globalUntil - now) / 1000;
      return answer(
        429,
        { message: 'You are being rate limited.', retry_after: round3(retryAfter), global: true },
        { 'Retry-After': String(Math.ceil(retryAfter)), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      );
    }
    if (failures.count > 0) {
      failures.count--;
      return answer(failures.status, { message: `${failures.status}: Server Error`, code: 0 });
    }
    const token = webhooks.get(webhookId);
    if (token === undefined) return answer(404, { message: 'Unknown Webhook', code: 10015 });
    if (token !== match[2]) return answer(401, { message: 'Invalid Webhook Token', code: 50027 });

    const bucket = buckets.get(webhookId) ?? { resetAt: now + bucketWindowMs, used: 0 };
    if (now >= bucket.resetAt) Object.assign(bucket, { resetAt: now + bucketWindowMs, used: 0 });
    buckets.set(webhookId, bucket);
    const rateHeaders = (remaining: number) => ({
      'X-RateLimit-Limit': String(bucketLimit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(round3(bucket.resetAt / 1000)),
      'X-RateLimit-Reset-After': String(round3((bucket.resetAt - now) / 1000)),
      'X-RateLimit-Bucket': `webhook-${webhookId.slice(-6)}`,
    });
    if (bucket.used >= bucketLimit) {
      const retryAfter = (bucket.resetAt - now) / 1000;
      return answer(
        429,
        { message: 'You are being rate limited.', retry_after: round3(retryAfter), global: false },
        { ...rateHeaders(0), 'Retry-After': String(Math.ceil(retryAfter)), 'X-RateLimit-Scope': 'user' },
      );
    }
    bucket.used++;
    const headers = rateHeaders(bucketLimit - bucket.used);

    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return answer(400, { message: 'Cannot send an empty message', code: 50006 }, headers);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return answer(400, { message: 'The request body contains invalid JSON.', code: 50109 }, headers);
    }
    const problem = validate(parsed);
    if (problem === 'empty') return answer(400, { message: 'Cannot send an empty message', code: 50006 }, headers);
    if (problem) return answer(400, { message: 'Invalid Form Body', code: 50035, errors: problem }, headers);

    const message: ReceivedDiscordMessage = {
      id: String(nextId++),
      webhookId,
      receivedAt: now,
      wait: ['true', '1'].includes(url.searchParams.get('wait') ?? ''),
      body: parsed as DiscordWebhookBody,
    };
    messages.push(message);
    for (const listener of listeners) listener(message);
    if (!message.wait) return answer(204, undefined, headers);
    return answer(
      200,
      {
        id: message.id,
        type: 0,
        content: message.body.content ?? '',
        embeds: message.body.embeds ?? [],
        channel_id: '100000000000000001',
        webhook_id: webhookId,
        author: { id: webhookId, username: message.body.username ?? 'Captain Hook', bot: true },
        timestamp: new Date(now).toISOString(),
      },
      headers,
    );
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apiBase = `http://127.0.0.1:${port}/api`;
  return {
    apiBase,
    createWebhook() {
      const id = String(1_000_000_000_000_000_000n + BigInt(webhooks.size + 1));
      const token = randomBytes(34).toString('base64url');
      webhooks.set(id, token);
      return { id, token, url: `${apiBase}/webhooks/${id}/${token}` };
    },
    messages,
    requests,
    onMessage: (listener) => void listeners.push(listener),
    limitGlobally(seconds) {
      globalUntil = Date.now() + seconds * 1000;
    },
    failNext(count, status) {
      failures = { count, status };
    },
    deleteWebhook: (id) => void webhooks.delete(id),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

type FormErrors = Record<string, unknown>;

/** Discord's form checks: 'empty', an `errors` object in Discord's shape, or undefined when valid. */
function validate(value: unknown): FormErrors | 'empty' | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'empty';
  const body = value as Record<string, unknown>;
  const errors: FormErrors = {};
  const tooLong = (max: number) => ({
    _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }],
  });
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (body.content !== undefined && text(body.content).length > discordLimits.content)
    errors.content = tooLong(discordLimits.content);
  if (body.username !== undefined && text(body.username).length > discordLimits.username)
    errors.username = tooLong(discordLimits.username);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as DiscordEmbed[]) : [];
  if (embeds.length > discordLimits.embeds) errors.embeds = tooLong(discordLimits.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    const e: FormErrors = {};
    const check = (key: string, v: unknown, max: number) => {
      total += text(v).length;
      if (text(v).length > max) e[key] = tooLong(max);
    };
    check('title', embed.title, discordLimits.title);
    check('description', embed.description, discordLimits.description);
    check('footer', embed.footer?.text, discordLimits.footer);
    check('author', embed.author?.name, discordLimits.author);
    const fields = embed.fields ?? [];
    if (fields.length > discordLimits.fields) e.fields = tooLong(discordLimits.fields);
    fields.forEach((f, j) => {
      total += text(f.name).length + text(f.value).length;
      if (!text(f.name) || !text(f.value))
        e[`fields.${j}`] = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
      else if (text(f.name).length > discordLimits.fieldName || text(f.value).length > discordLimits.fieldValue)
        e[`fields.${j}`] = tooLong(discordLimits.fieldValue);
    });
    if (Object.keys(e).length > 0) errors[`embeds.${i}`] = e;
  });
  if (total > discordLimits.embedTotal)
    errors.embeds = {
      _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }],
    };
  if (Object.keys(errors).length > 0) return errors;
  if (!text(body.content) && embeds.length === 0) return 'empty';
  return undefined;
}
