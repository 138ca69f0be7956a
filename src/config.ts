// The one configuration object: a zod schema filled from defaults < config file < STREAMLENS_* environment
// < command-line flags, validated once and frozen. Nothing else in streamlens reads process.env.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { StreamlensError } from './errors.ts';
import { findClosestName } from './find-closest-name.ts';
import { redactUrl } from './log.ts';
import { registerSecrets } from './mask-secrets.ts';

const login = z
  .string()
  .regex(/^[a-zA-Z0-9_]{1,25}$/, 'a Twitch login is 1–25 letters, digits or underscores')
  .transform((s) => s.toLowerCase());

/** A number, or a string that is one (env variables and flags): never '' or null read as 0 as coercion would. */
export function numeric<T extends z.ZodType<number, number>>(schema: T) {
  const decimal = z
    .string()
    .trim()
    .regex(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i)
    .transform(Number);
  return z
    .union([z.number(), decimal], { error: (issue) => `expected a number, not ${JSON.stringify(issue.input)}` })
    .pipe(schema);
}

/** The words a boolean setting accepts, in any case (coercion would read "false" as true). */
const booleanWords = { truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] };

const onOff = z.union([z.boolean(), z.string().trim().pipe(z.stringbool(booleanWords))], {
  error: (issue) => `expected true or false (also 1/0, yes/no, on/off), not ${JSON.stringify(issue.input)}`,
});

const port = numeric(z.number().int().min(0).max(65535));

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** What a notification target can be sent. */
export const notificationEvents = ['report', 'raid', 'viewers-falling', 'questions-waiting'] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

const notificationTargetSchema = z.strictObject({
  /** A Discord webhook URL (kind discord) or any http(s) URL receiving JSON (kind json). A secret. */
  url: z.string().min(1).max(2000),
  kind: z.enum(['discord', 'json']),
  events: z.array(z.enum(notificationEvents)).min(1).default(['report']),
  /** A name for messages and the settings page (default: the URL's host). */
  name: z.string().min(1).max(80).optional(),
});
export type NotificationTarget = z.infer<typeof notificationTargetSchema>;

/** True when `zone` names a time zone this runtime's Intl knows (`Europe/Berlin`, `UTC`). */
export function isIanaTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Discord's own webhook URLs, as its clients copy them (stable, PTB and canary; the old discordapp.com host). */
const discordWebhookUrl =
  /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d+\/[\w-]+\/?(?:\?.*)?$/;

const notificationsSchema = z
  .strictObject({
    targets: z.array(notificationTargetSchema).max(20).default([]),
    /**
     * Where Discord is, for the demo's and the tests' loopback receiver. When set, Discord targets must be webhooks
     * under it (and only there): the override is explicit, never a looser check.
     */
    discordApiBase: httpUrl.optional(),
    /** The name posts appear under in Discord. */
    username: z.string().min(1).max(80).default('streamlens'),
    /** Least time between two live alerts of one kind for one channel. */
    alertCooldownMinutes: numeric(z.number().min(1).max(1440)).default(15),
    /** A viewers-falling alert: viewers this many percent below where they were at a title/category change. */
    viewersFallingPct: numeric(z.number().min(5).max(95)).default(20),
    /** A questions-waiting alert: a chat question unanswered for this long. */
    questionsWaitingMinutes: numeric(z.number().min(1).max(240)).default(5),
  })
  .superRefine((section, ctx) => {
    section.targets.forEach((target, i) => {
      const problem = findTargetUrlProblem(target, section.discordApiBase);
      if (problem) ctx.addIssue({ code: 'custom', path: ['targets', i, 'url'], message: problem });
    });
  })
  .prefault({});

/** Why a target's URL cannot be used, or undefined. The message shows the URL without its secret part. */
export function findTargetUrlProblem(
  target: Pick<NotificationTarget, 'url' | 'kind'>,
  discordApiBase: string | undefined,
): string | undefined {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return `not a URL: "${describeWebhookUrl(target.url)}"`;
  }
  if (target.kind === 'json') {
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? undefined
      : `a json target needs an http:// or https:// URL, not ${url.protocol}`;
  }
  const shown = describeWebhookUrl(target.url);
  if (discordApiBase) {
    const base = discordApiBase.replace(/\/+$/, '');
    const under =
      target.url.startsWith(`${base}/webhooks/`) &&
      /^\d+\/[\w-]+\/?(?:\?.*)?$/.test(target.url.slice(base.length + 10));
    return under
      ? undefined
      : `notifications.discordApiBase is set to ${base}, so a Discord target must be a webhook under it (${base}/webhooks/<id>/<token>); "${shown}" is not. Remove discordApiBase to post to discord.com`;
  }
  return discordWebhookUrl.test(target.url)
    ? undefined
    : `a Discord target needs a Discord webhook URL, https://discord.com/api/webhooks/<id>/<token> (Discord: Server Settings → Integrations → Webhooks → Copy Webhook URL); "${shown}" is not one. For any other receiver use kind "json"`;
}

/**
 * A webhook URL safe to show and log: a webhook URL carries its token (Discord's last path segment; other
 * services put keys in the path or query), so only the origin and the path's first segments are kept.
 */
export function describeWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.length > 12 ? `${raw.slice(0, 12)}…` : raw;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const discord = segments.indexOf('webhooks');
  const kept = discord >= 0 ? segments.slice(0, discord + 2) : segments.slice(0, Math.max(0, segments.length - 1));
  const hidden = segments.length > kept.length || url.search !== '';
  return `${url.protocol}//${url.host}/${kept.join('/')}${hidden ? (kept.length > 0 ? '/…' : '…') : ''}`;
}

export const configSchema = z.strictObject({
  /** The config file these settings were read from (and that the settings page writes to). */
  configFile: z.string(),
  /** Where the database, tokens and spooled audio live. */
  dataDir: z.string(),
  /** SQLite file; defaults to `<dataDir>/streamlens.db`. */
  db: z.string(),
  /** A PostgreSQL URL; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * An existing PostgreSQL role the agent's and `streamlens query`'s SQL runs as, instead of the
   * `<database>_reader` role streamlens makes (docs/deployment.md).
   */
  databaseReadOnlyRole: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a plain PostgreSQL role name')
    .optional(),
  /** With PostgreSQL, how long a collector's channel lease lasts without renewal (seconds). */
  leaseTtlSec: numeric(z.number().min(1).max(3600)).default(30),
  channels: z.array(login).default([]),
  /** The IANA zone the CLI shows times of day and dates in (`--tz`); unset: this machine's zone. */
  timeZone: z
    .string()
    .refine(isIanaTimeZone, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a time zone Intl knows; use an IANA name such as Europe/Berlin, America/New_York or UTC`,
    })
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  twitch: z
    .strictObject({
      clientId: z.string().min(1).optional(),
      clientSecret: z.string().min(1).optional(),
      helixUrl: z.url().default('https://api.twitch.tv/helix'),
      authUrl: z.url().default('https://id.twitch.tv/oauth2'),
      chatUrl: z.url().default('wss://irc-ws.chat.twitch.tv:443'),
      eventsubUrl: z.url().default('wss://eventsub.wss.twitch.tv/ws'),
      pollIntervalSec: numeric(z.number().min(0.05).max(3600)).default(60),
      /** Channel JOINs per 10 s that Twitch allows this account: 20, or 2000 for verified bots. */
      joinsPer10s: numeric(z.number().int().min(1).max(2000)).default(20),
      categoryPolling: onOff.default(false),
    })
    .prefault({}),
  web: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(7420),
      password: z.string().min(8, 'use at least 8 characters').optional(),
      /**
       * Host names (besides this machine's own names and addresses) the web UI may be reached by, e.g. a reverse
       * proxy's; requests naming any other Host are refused (DNS rebinding).
       */
      allowedHosts: z.array(z.string().min(1)).default([]),
      /** Largest request body accepted (kB); larger ones get 413 before they are read. */
      maxBodyKb: numeric(z.number().int().min(1).max(100_000)).default(256),
      /** The address people reach this server at, for links in notifications (default: the local URL). */
      publicUrl: httpUrl.optional(),
    })
    .prefault({}),
  metrics: z
    .strictObject({
      /** A bearer token Prometheus sends to /metrics (`Authorization: Bearer …`), instead of a web login. */
      token: z.string().min(16, 'use at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
      /** `collect` (and `start --no-web`) serve /metrics on this port; start and serve use the web port. */
      port: port.optional(),
    })
    .prefault({}),
  notifications: notificationsSchema,
  ai: z
    .strictObject({
      baseUrl: z.url().optional(),
      model: z.string().min(1).optional(),
      apiKey: z.string().min(1).optional(),
      redactUsernames: onOff.default(false),
      maxSteps: numeric(z.number().int().min(1).max(50)).default(8),
      timeoutMs: numeric(z.number().int().min(1000)).default(120_000),
    })
    .prefault({}),
  transcription: z
    .strictObject({
      enabled: onOff.default(false),
      engine: z.enum(['pocketsphinx', 'openai', 'google', 'whisper']).default('pocketsphinx'),
      openaiUrl: z.url().default('https://api.openai.com/v1'),
      openaiKey: z.string().optional(),
      openaiModel: z.string().default('whisper-1'),
      googleUrl: z.url().default('https://speech.googleapis.com'),
      googleKey: z.string().optional(),
      whisperModel: z.string().optional(),
      playlistResolver: z.enum(['twitch', 'streamlink', 'url']).default('twitch'),
      /** For the `url` resolver: an m3u8 URL with `{login}` in it. */
      playlistUrl: z.string().optional(),
      maxBacklogSec: numeric(z.number().min(10)).default(600),
      minConfidence: numeric(z.number().min(0).max(1)).default(0.6),
    })
    .prefault({}),
  ingest: z
    .strictObject({
      batchSize: numeric(z.number().int().min(1)).default(2000),
      /** 0 = write as soon as the event loop is free (group commit); more = wait up to this long to batch. */
      flushIntervalMs: numeric(z.number().int().min(0)).default(0),
      /** Quick retries of a write the database refuses, before it is kept in the write journal. */
      maxRetries: numeric(z.number().int().min(0)).default(2),
      /** Size limit of the write journal (`<dataDir>/journal/`), where writes wait while the database refuses them. */
      journalMaxMb: numeric(z.number().min(1)).default(256),
    })
    .prefault({}),
  /** Third-party emote sets (7TV, BetterTTV, FrankerFaceZ), fetched while collecting and kept in the database. */
  emotes: z
    .strictObject({
      /** Fetch them while collecting (what was kept is used either way). */
      enabled: onOff.default(true),
      /** Hours between two refreshes of every set while collecting (one runs at start). */
      refreshHours: numeric(z.number().min(0.01).max(168)).default(6),
      /** 7TV's v3 API. */
      sevenTvUrl: httpUrl.default('https://7tv.io/v3'),
      /** BetterTTV's v3 API. */
      bttvUrl: httpUrl.default('https://api.betterttv.net/3'),
      /** FrankerFaceZ's v1 API. */
      ffzUrl: httpUrl.default('https://api.frankerfacez.com/v1'),
    })
    .prefault({}),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Each environment variable and the config path it sets. */
export const envVariables: Record<string, string> = {
  STREAMLENS_DATA_DIR: 'dataDir',
  STREAMLENS_DB: 'db',
  STREAMLENS_DATABASE_URL: 'databaseUrl',
  STREAMLENS_DATABASE_READONLY_ROLE: 'databaseReadOnlyRole',
  STREAMLENS_LEASE_TTL_SEC: 'leaseTtlSec',
  STREAMLENS_CHANNELS: 'channels',
  STREAMLENS_LOG_LEVEL: 'logLevel',
  STREAMLENS_TIME_ZONE: 'timeZone',
  STREAMLENS_TWITCH_CLIENT_ID: 'twitch.clientId',
  STREAMLENS_TWITCH_CLIENT_SECRET: 'twitch.clientSecret',
  STREAMLENS_TWITCH_HELIX_URL: 'twitch.helixUrl',
  STREAMLENS_TWITCH_AUTH_URL: 'twitch.authUrl',
  STREAMLENS_TWITCH_CHAT_URL: 'twitch.chatUrl',
  STREAMLENS_TWITCH_EVENTSUB_URL: 'twitch.eventsubUrl',
  STREAMLENS_POLL_INTERVAL_SEC: 'twitch.pollIntervalSec',
  STREAMLENS_TWITCH_JOINS_PER_10S: 'twitch.joinsPer10s',
  STREAMLENS_CATEGORY_POLLING: 'twitch.categoryPolling',
  STREAMLENS_HOST: 'web.host',
  STREAMLENS_PORT: 'web.port',
  STREAMLENS_WEB_PASSWORD: 'web.password',
  STREAMLENS_WEB_ALLOWED_HOSTS: 'web.allowedHosts',
  STREAMLENS_PUBLIC_URL: 'web.publicUrl',
  STREAMLENS_METRICS_TOKEN: 'metrics.token',
  STREAMLENS_METRICS_PORT: 'metrics.port',
  STREAMLENS_AI_BASE_URL: 'ai.baseUrl',
  STREAMLENS_AI_MODEL: 'ai.model',
  STREAMLENS_AI_API_KEY: 'ai.apiKey',
  STREAMLENS_AI_REDACT_USERNAMES: 'ai.redactUsernames',
  STREAMLENS_TRANSCRIBE: 'transcription.enabled',
  STREAMLENS_TRANSCRIBE_ENGINE: 'transcription.engine',
  STREAMLENS_TRANSCRIBE_OPENAI_URL: 'transcription.openaiUrl',
  STREAMLENS_TRANSCRIBE_OPENAI_KEY: 'transcription.openaiKey',
  STREAMLENS_TRANSCRIBE_GOOGLE_KEY: 'transcription.googleKey',
  STREAMLENS_WHISPER_MODEL: 'transcription.whisperModel',
  STREAMLENS_EMOTES: 'emotes.enabled',
  STREAMLENS_EMOTES_REFRESH_HOURS: 'emotes.refreshHours',
  STREAMLENS_EMOTES_7TV_URL: 'emotes.sevenTvUrl',
  STREAMLENS_EMOTES_BTTV_URL: 'emotes.bttvUrl',
  STREAMLENS_EMOTES_FFZ_URL: 'emotes.ffzUrl',
};

/** STREAMLENS_ variables read elsewhere, which are not settings: no warning for them. */
const otherVariables = new Set([
  'STREAMLENS_CONFIG',
  /** The PostgreSQL server the tests and benches create their databases on. */
  'STREAMLENS_TEST_POSTGRES_URL',
]);

/** Config paths whose values are secrets: never logged, never sent to a browser. */
export const secretPaths = [
  'twitch.clientSecret',
  'web.password',
  'metrics.token',
  'ai.apiKey',
  'transcription.openaiKey',
  'transcription.googleKey',
] as const;

export interface LoadConfigOptions {
  /** Flag values by config path (e.g. `{ db: 'x.db', 'web.port': 8080 }`); undefined ones are ignored. */
  flags?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** An explicit config file (`--config`); it must exist. */
  configFile?: string;
  /** Told about what is ignored but probably meant (an unknown STREAMLENS_ variable). */
  onWarning?: (message: string) => void;
}

type Source = { kind: 'flag' | 'env' | 'file' | 'default'; name: string };

/** Reads and validates the configuration once; throws CONFIG_INVALID naming every bad value and its source. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? {};
  const cwd = options.cwd ?? process.cwd();
  const raw: Record<string, unknown> = {};
  const sources = new Map<string, Source>();

  const explicitFile = options.configFile ?? env.STREAMLENS_CONFIG;
  const configFile = resolve(cwd, explicitFile ?? 'streamlens.config.json');
  if (explicitFile !== undefined || existsSync(configFile)) {
    for (const [path, value] of readConfigFile(configFile, explicitFile !== undefined)) {
      setPath(raw, path, value);
      sources.set(path, { kind: 'file', name: configFile });
    }
  }
  if (options.onWarning) warnAboutUnknownVariables(env, options.onWarning);
  for (const [name, path] of Object.entries(envVariables)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, path === 'channels' || path === 'web.allowedHosts' ? splitList(value) : value);
    sources.set(path, { kind: 'env', name });
  }
  for (const [path, value] of Object.entries(options.flags ?? {})) {
    if (value === undefined) continue;
    setPath(raw, path, value);
    sources.set(path, { kind: 'flag', name: `--${flagName(path)}` });
  }

  const dataDir = resolve(cwd, typeof raw.dataDir === 'string' ? raw.dataDir : './data');
  raw.dataDir = dataDir;
  raw.db = typeof raw.db === 'string' ? resolve(cwd, raw.db) : join(dataDir, 'streamlens.db');
  raw.configFile = configFile;

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => describeUnknownKey([...issue.path.map(String), key], sources));
      const path = issue.path.join('.');
      const source = findSource(sources, issue.path.map(String)) ?? { kind: 'default', name: path };
      const where =
        source.kind === 'env'
          ? `environment variable ${source.name}`
          : source.kind === 'flag'
            ? `flag ${source.name}`
            : source.kind === 'file'
              ? `"${path}" in ${source.name}`
              : `setting "${path}"`;
      return `  ${where}: ${issue.message}`;
    });
    throw new StreamlensError(
      'CONFIG_INVALID',
      `invalid configuration:\n${lines.join('\n')}`,
      'fix what is named above (see `streamlens --help` and README "Configuration")',
    );
  }
  registerSecrets(toSecretValues(parsed.data));
  return deepFreeze(parsed.data);
}

/** The directory the config file lives in (where relative paths in it are meant from). */
export function configDir(config: Config): string {
  return dirname(config.configFile);
}

/** The secret values of a config (keys, passwords, the database password), for `registerSecrets`. */
export function toSecretValues(config: z.infer<typeof configSchema>): string[] {
  const values: string[] = [];
  for (const path of secretPaths) {
    const [head, tail] = path.split('.') as [string, string];
    const value = (config as unknown as Record<string, Record<string, unknown> | undefined>)[head]?.[tail];
    if (typeof value === 'string') values.push(value);
  }
  if (config.databaseUrl) {
    try {
      const password = decodeURIComponent(new URL(config.databaseUrl).password);
      if (password) values.push(password);
    } catch {
      // An unparsable URL has no password to find; the schema already refused malformed ones.
    }
  }
  // A webhook URL is its own credential: whoever has it can post. Its secret part (the segments and query that
  // describeWebhookUrl hides) is masked wherever it appears, whole or alone.
  for (const target of config.notifications.targets) {
    values.push(target.url);
    try {
      const url = new URL(target.url);
      const segments = url.pathname.split('/').filter(Boolean);
      const discord = segments.indexOf('webhooks');
      const hidden = discord >= 0 ? segments.slice(discord + 2) : segments.slice(-1);
      for (const segment of hidden) if (segment.length >= 8) values.push(segment);
      if (url.search.length > 1) values.push(url.search.slice(1));
    } catch {
      // The schema refused URLs that do not parse.
    }
  }
  return values;
}

/** A copy of the config with every secret replaced by whether it is set, safe to log or send to a browser. */
export function redactConfig(config: Config): Record<string, unknown> {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of secretPaths) {
    const [head, tail] = path.split('.') as [string, string];
    const section = copy[head] as Record<string, unknown> | undefined;
    if (section && section[tail] !== undefined) section[tail] = '••••••';
  }
  if (typeof copy.databaseUrl === 'string') copy.databaseUrl = redactUrl(copy.databaseUrl);
  const notifications = copy.notifications as { targets: { url: string }[] };
  for (const target of notifications.targets) target.url = describeWebhookUrl(target.url);
  return copy;
}

/** An unknown STREAMLENS_ variable is most likely a typo of a known one: say so, but run on without it. */
function warnAboutUnknownVariables(env: Record<string, string | undefined>, warn: (message: string) => void): void {
  const known = [...Object.keys(envVariables), ...otherVariables];
  const suffix = (name: string) => name.slice('STREAMLENS_'.length);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('STREAMLENS_') || value === undefined || known.includes(name)) continue;
    const nearest = findClosestName(suffix(name), known, suffix);
    warn(
      `unknown environment variable ${name} (ignored)${nearest ? ` — did you mean ${nearest}?` : '; README "Configuration" lists them'}`,
    );
  }
}

/** Every key a config file may set, as a path (`twitch.clientId`); sections are paths too. */
const settingPaths = listPaths(configSchema.shape).filter((path) => path !== 'configFile');

function listPaths(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const section = schema instanceof z.ZodPrefault ? schema.unwrap() : undefined;
    return section instanceof z.ZodObject
      ? [`${prefix}${key}`, ...listPaths(section.shape, `${prefix}${key}.`)]
      : [`${prefix}${key}`];
  });
}

/** `unknown setting "chanels" in FILE — did you mean "channels"?`: a sibling first, else the same key elsewhere. */
function describeUnknownKey(path: string[], sources: Map<string, Source>): string {
  const name = path.join('.');
  const parent = path.slice(0, -1).join('.');
  const source = findSource(sources, path) ?? [...sources].find(([p]) => p.startsWith(`${name}.`))?.[1] ?? undefined;
  const where = source?.kind === 'file' ? ` in ${source.name}` : source?.kind === 'flag' ? ` (${source.name})` : '';
  const lastKey = (p: string) => p.slice(p.lastIndexOf('.') + 1);
  const siblings = settingPaths.filter((p) => p.slice(0, Math.max(0, p.lastIndexOf('.'))) === parent);
  const known =
    findClosestName(lastKey(name), siblings, lastKey) ?? findClosestName(lastKey(name), settingPaths, lastKey);
  const advice = known ? `did you mean "${known}"?` : `known here: ${siblings.map(lastKey).join(', ')}`;
  return `  unknown setting "${name}"${where} — ${advice}`;
}

/** The source of a value or of the nearest enclosing one (a list's source covers its items). */
function findSource(sources: Map<string, Source>, path: string[]): Source | undefined {
  for (let n = path.length; n > 0; n--) {
    const source = sources.get(path.slice(0, n).join('.'));
    if (source) return source;
  }
  return undefined;
}

function readConfigFile(path: string, required: boolean): [string, unknown][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required) return [];
    throw new StreamlensError(
      'CONFIG_INVALID',
      `cannot read config file ${path}: ${(error as Error).message}`,
      'check the path given to --config or STREAMLENS_CONFIG',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `config file ${path} is not valid JSON: ${(error as Error).message}`,
      'fix the JSON syntax, or delete the file to start from defaults',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `config file ${path} must hold a JSON object`,
      'write it as { "channels": ["yourlogin"], … }',
    );
  }
  return flatten(value as Record<string, unknown>);
}

function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      out.push(...flatten(v as Record<string, unknown>, path));
    else out.push([path, v]);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/^#/, ''))
    .filter(Boolean);
}

function flagName(path: string): string {
  return path
    .split('.')
    .pop()!
    .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
