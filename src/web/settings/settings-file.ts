// The settings page's view of the config and its writes to the config file: secrets go in, never out (the view
// only says whether each is set), and the file is replaced atomically with mode 0600 since it holds them.

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type Config, configSchema, describeWebhookUrl, notificationEvents, toSecretValues } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { registerSecrets } from '../../mask-secrets.ts';
import { toTargetId } from '../../notify/notification.ts';

/** Optional secret: absent or '' keeps the stored one, null removes it. */
const secret = z.string().max(1000).nullable().optional();
const text = z.string().max(1000).nullable().optional();

export const settingsPatchSchema = z
  .object({
    channels: z.array(z.string().max(25)).max(100).optional(),
    twitch: z.object({ clientId: text, clientSecret: secret }).strict().optional(),
    ai: z
      .object({ baseUrl: text, model: text, apiKey: secret, redactUsernames: z.boolean().optional() })
      .strict()
      .optional(),
    transcription: z
      .object({
        enabled: z.boolean().optional(),
        engine: z.enum(['pocketsphinx', 'openai', 'google', 'whisper']).optional(),
        openaiKey: secret,
        googleKey: secret,
        whisperModel: text,
      })
      .strict()
      .optional(),
    notifications: z
      .object({
        /** The whole list. A target keeps its stored URL (a secret) by naming its `id` instead of a `url`. */
        targets: z
          .array(
            z
              .object({
                id: z.string().max(64).optional(),
                url: z.string().max(2000).optional(),
                kind: z.enum(['discord', 'json']),
                events: z.array(z.enum(notificationEvents)).min(1),
                name: z.string().max(80).optional(),
              })
              .strict()
              .refine(
                (t) => (t.id === undefined) !== (t.url === undefined),
                'give either the url or the id of a saved target',
              ),
          )
          .max(20),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsViewSchema = z.object({
  configFile: z.string(),
  /** `streamlens demo`: signed in to the built-in Twitch simulator; `configFile` is the demo's own. */
  demo: z.boolean(),
  channels: z.array(z.string()),
  twitch: z.object({ clientId: z.string().nullable(), clientSecretSet: z.boolean() }),
  ai: z.object({
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    apiKeySet: z.boolean(),
    redactUsernames: z.boolean(),
  }),
  transcription: z.object({
    enabled: z.boolean(),
    engine: z.string(),
    openaiKeySet: z.boolean(),
    googleKeySet: z.boolean(),
    whisperModel: z.string().nullable(),
  }),
  web: z.object({ host: z.string(), port: z.number(), passwordSet: z.boolean() }),
  notifications: z.object({
    /** URLs without their tokens; `id` names a target in a patch that keeps its URL. */
    targets: z.array(
      z.object({
        id: z.string(),
        url: z.string(),
        kind: z.string(),
        events: z.array(z.string()),
        name: z.string().nullable(),
      }),
    ),
  }),
  /** Saved settings apply when streamlens restarts. */
  restartRequired: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export interface SettingsFile {
  view(): SettingsView;
  /** Validates the patch against the full config schema, then writes the file; throws CONFIG_INVALID. */
  update(patch: SettingsPatch): SettingsView;
}

const secretKeys = new Set(['clientSecret', 'apiKey', 'openaiKey', 'googleKey']);

/** Settings over the running config and its file. */
export function createSettingsFile(config: Config, options: { demo?: boolean } = {}): SettingsFile {
  let current = config;
  let changed = false;
  const view = (): SettingsView => ({
    configFile: current.configFile,
    demo: options.demo === true,
    channels: [...current.channels],
    twitch: { clientId: current.twitch.clientId ?? null, clientSecretSet: !!current.twitch.clientSecret },
    ai: {
      baseUrl: current.ai.baseUrl ?? null,
      model: current.ai.model ?? null,
      apiKeySet: !!current.ai.apiKey,
      redactUsernames: current.ai.redactUsernames,
    },
    transcription: {
      enabled: current.transcription.enabled,
      engine: current.transcription.engine,
      openaiKeySet: !!current.transcription.openaiKey,
      googleKeySet: !!current.transcription.googleKey,
      whisperModel: current.transcription.whisperModel ?? null,
    },
    web: { host: current.web.host, port: current.web.port, passwordSet: !!current.web.password },
    notifications: {
      targets: current.notifications.targets.map((t) => ({
        id: toTargetId(t.url),
        url: describeWebhookUrl(t.url),
        kind: t.kind,
        events: [...t.events],
        name: t.name ?? null,
      })),
    },
    restartRequired: changed,
  });
  return {
    view,
    update(patch) {
      const file = readFileObject(current.configFile);
      const effective = structuredClone(current) as Record<string, unknown>;
      for (const target of [file, effective]) applyPatch(target, patch, current);
      const parsed = configSchema.safeParse(effective);
      if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new StreamlensError(
          'CONFIG_INVALID',
          `settings not saved: ${lines.join('; ')}`,
          'fix the fields named and save again',
        );
      }
      // Keys typed into the page are secrets from now on, before anything could echo them.
      registerSecrets(toSecretValues(parsed.data));
      writeFileAtomic(current.configFile, `${JSON.stringify(file, null, 2)}\n`);
      current = Object.freeze(parsed.data);
      changed = true;
      return view();
    },
  };
}

function applyPatch(target: Record<string, unknown>, patch: SettingsPatch, current: Config): void {
  if (patch.notifications) {
    const saved = new Map(current.notifications.targets.map((t) => [toTargetId(t.url), t.url]));
    const targets = patch.notifications.targets.map(({ id, url, ...rest }) => {
      const kept = id === undefined ? url : saved.get(id);
      if (kept === undefined)
        throw new StreamlensError(
          'CONFIG_INVALID',
          `settings not saved: no saved notification target ${id}`,
          'reload the page',
        );
      return { url: kept, ...rest };
    });
    const node = (
      typeof target.notifications === 'object' && target.notifications !== null ? target.notifications : {}
    ) as Record<string, unknown>;
    node.targets = targets;
    target.notifications = node;
  }
  if (patch.channels) target.channels = patch.channels.map((c) => c.trim().replace(/^#/, '')).filter(Boolean);
  for (const section of ['twitch', 'ai', 'transcription'] as const) {
    const values = patch[section];
    if (!values) continue;
    const node = (typeof target[section] === 'object' && target[section] !== null ? target[section] : {}) as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || (value === '' && secretKeys.has(key))) continue;
      if (value === null || value === '') delete node[key];
      else node[key] = value;
    }
    target[section] = node;
  }
}

function readFileObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: refuse to overwrite a file we cannot read back
  }
  throw new StreamlensError(
    'CONFIG_INVALID',
    `config file ${path} is not a JSON object`,
    'fix or delete it, then save again',
  );
}

function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
