// The channel a channel-wide question is about: the one named (id or login), else the main channel. Errors say
// which channels exist, so every caller (web API, agent tools, CLI) can show them as they are.

import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { findChannelId } from './find-channel-id.ts';
import { findMainChannelId } from './find-main-channel.ts';
import { listChannels } from './list-channels.ts';

/** The id of `channel` (id or login) or of the main channel; NOT_FOUND (naming the recorded ones) otherwise. */
export async function resolveChannelId(
  store: Store,
  channel: string | undefined,
  configured: readonly string[] = [],
): Promise<string> {
  if (channel) {
    const id = await findChannelId(store, channel);
    if (id) return id;
    const logins = (await listChannels(store)).map((c) => c.login);
    throw new StreamlensError(
      'NOT_FOUND',
      `channel "${channel}" is not recorded`,
      logins.length === 0
        ? 'no channel is recorded yet: run `streamlens start --channel LOGIN` (or `streamlens demo`)'
        : `recorded channels: ${logins.slice(0, 10).join(', ')}${logins.length > 10 ? ', …' : ''}`,
    );
  }
  const id = await findMainChannelId(store, configured);
  if (!id)
    throw new StreamlensError(
      'NOT_FOUND',
      'no channel has been recorded yet',
      'run `streamlens start --channel yourname` (or `streamlens demo`)',
    );
  return id;
}
