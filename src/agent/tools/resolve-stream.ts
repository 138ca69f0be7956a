// Turns the stream references tools accept (`latest`, `previous`, an id or id prefix) and channel logins
// into stored ids, so the model never has to guess ids.

import { findStream, listStreams, resolveChannelId as resolveChannel } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import type { ToolContext } from './define-tool.ts';

/** The id of the referenced stream; NOT_FOUND when there is none, USAGE when a prefix is ambiguous. */
export async function resolveStreamId(ref: string, ctx: ToolContext, channelLogin?: string): Promise<string> {
  const key = ref.trim();
  if (key === 'latest' || key === 'previous') {
    const channelId = await resolveChannelId(ctx, channelLogin);
    const streams = await listStreams(ctx.store, { channelId, limit: 2 });
    const stream = streams[key === 'latest' ? 0 : 1];
    if (!stream) throw new StreamlensError('NOT_FOUND', `there is no ${key} stream recorded`);
    return stream.id;
  }
  const stream = await findStream(ctx.store, key);
  if (!stream) throw new StreamlensError('NOT_FOUND', `no stream "${key}"`, 'use list_streams for valid ids');
  return stream.id;
}

/** The channel id of a login, or of the main channel when none is given (see analytics' findMainChannelId). */
export function resolveChannelId(ctx: ToolContext, login?: string): Promise<string> {
  return resolveChannel(ctx.store, login ?? ctx.channel, ctx.config.channels);
}
