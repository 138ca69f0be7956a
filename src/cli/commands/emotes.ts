// `streamlens emotes refresh|list`: fetch the third-party emote sets (7TV, BetterTTV, FrankerFaceZ) now, and
// show the ones kept in the database (analytics count them by provider; collecting refreshes them by itself).

import type { Command } from 'commander';
import { z } from 'zod';
import { findChannelId } from '../../analytics/channel/find-channel-id.ts';
import { listChannels } from '../../analytics/channel/list-channels.ts';
import { getKeptEmoteSets } from '../../analytics/chat/get-kept-emote-sets.ts';
import { formatZonedDateTime } from '../../analytics/lib/time-zone.ts';
import { refreshEmoteSets } from '../../emotes/refresh-emote-sets.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { createContext, runCommand } from '../run-command.ts';

const refreshOptions = z.object({
  channel: z.array(z.string().regex(/^@?\w{1,25}$/, '--channel takes a Twitch login or user id')).optional(),
  global: z.boolean().optional(),
});

/** Adds `streamlens emotes refresh [--channel LOGIN|ID]… [--no-global]` and `streamlens emotes list`. */
export function registerEmotesCommand(program: Command): void {
  const emotes = program
    .command('emotes')
    .description('third-party emote sets (7TV, BetterTTV, FrankerFaceZ) that emote statistics count by provider');
  emotes
    .command('refresh')
    .description("fetch the global sets and the channels' own sets now and keep them in the database")
    .option(
      '--channel <login|id>',
      'a channel whose sets to fetch, by login (recorded) or Twitch user id; repeatable (default: the configured channels, else every recorded one)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--no-global', "skip the providers' global sets")
    .action((raw: Record<string, unknown>, command: Command) =>
      runCommand(async () => {
        const parsed = refreshOptions.safeParse(raw);
        if (!parsed.success)
          throw new StreamlensError(
            'USAGE',
            parsed.error.issues.map((i) => i.message).join('; '),
            'see `streamlens emotes refresh --help`',
          );
        const { config } = createContext(command);
        const store = await openStore(config);
        try {
          // Channels named on the command line must be known; configured ones not recorded yet are skipped.
          const named = parsed.data.channel;
          const channelIds = await resolveChannelIds(store, named ?? config.channels, named !== undefined);
          const outcomes = await refreshEmoteSets({
            store,
            urls: config.emotes,
            channelIds,
            global: parsed.data.global !== false,
          });
          for (const o of outcomes) {
            const set = `${o.provider.padEnd(5)} ${o.channelId === '' ? 'global' : `channel ${o.channelId}`}`;
            const what =
              o.status === 'kept'
                ? `${o.emotes} emotes kept`
                : o.status === 'none'
                  ? 'no set for this channel'
                  : `failed: ${o.error} (the emotes kept before stay in use)`;
            process.stdout.write(`${set.padEnd(26)} ${what}\n`);
          }
          if (outcomes.length > 0 && outcomes.every((o) => o.status === 'failed'))
            throw new StreamlensError(
              'UPSTREAM',
              'no emote set could be fetched',
              'check the network, or the emotes.*Url settings (README "Configuration")',
            );
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
  emotes
    .command('list')
    .description('show the emote sets kept in the database: provider, channel, emotes, when last fetched')
    .action((_flags: unknown, command: Command) =>
      runCommand(async () => {
        const { config, timeZone } = createContext(command);
        const store = await openStore(config, { mustExist: true });
        try {
          const sets = await getKeptEmoteSets(store);
          if (sets.length === 0)
            process.stdout.write('no emote sets kept yet: run `streamlens emotes refresh` or collect\n');
          const logins = new Map((await listChannels(store)).map((c) => [c.id, c.login]));
          for (const s of sets) {
            const owner = s.channelId === '' ? 'global' : `#${logins.get(s.channelId) ?? s.channelId}`;
            process.stdout.write(
              `${s.provider.padEnd(5)} ${owner.padEnd(27)} ${String(s.emotes).padStart(5)} emotes, fetched ${formatZonedDateTime(s.fetchedAt, timeZone)}\n`,
            );
          }
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}

/** Logins become the recorded channels' ids; ids pass as they are; none means every recorded channel. */
async function resolveChannelIds(
  store: Awaited<ReturnType<typeof openStore>>,
  channels: readonly string[],
  strict: boolean,
): Promise<string[]> {
  if (channels.length === 0) return (await listChannels(store)).map((c) => c.id);
  const ids: string[] = [];
  for (const raw of channels) {
    const channel = raw.replace(/^@/, '');
    if (/^\d+$/.test(channel)) {
      ids.push(channel);
      continue;
    }
    const id = await findChannelId(store, channel);
    if (!id && !strict) {
      process.stderr.write(`#${channel} is not recorded yet (its Twitch user id is unknown): skipped\n`);
      continue;
    }
    if (!id)
      throw new StreamlensError(
        'NOT_FOUND',
        `channel "${channel}" is not recorded yet, so its Twitch user id is unknown`,
        'pass its user id instead (--channel 123456), or collect it first',
      );
    ids.push(id);
  }
  return ids;
}
