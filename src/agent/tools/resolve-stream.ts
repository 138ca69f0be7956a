// Turns the stream references tools accept (`latest`, `previous`, an id or id prefix) and channel logins
// into stored ids, so the model never has to guess ids.

import { findMainChannelId } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { ToolContext } from './define-tool.ts';

interface IdRow {
  id: string;
  channel_id: string;
}

/** The id of the referenced stream; NOT_FOUND when there is none, USAGE when a prefix is ambiguous. */
export async function resolveStreamId(ref: string, ctx: ToolContext, channelLogin?: string): Promise<string> {
  const key = ref.trim();
  if (key === 'latest' || key === 'previous') {
    const channelId = await resolveChannelId(ctx, channelLogin);
    const rows = await ctx.store.all<IdRow>(
      'SELECT id, channel_id FROM streams WHERE channel_id = ? ORDER BY started_at DESC LIMIT 2',
      [channelId],
    );
    const row = rows[key === 'latest' ? 0 : 1];
    if (!row) throw new StreamlensError('NOT_FOUND', `there is no ${key} stream recorded`);
    return row.id;
  }
  const exact = await ctx.store.get<IdRow>('SELECT id, channel_id FROM streams WHERE id = ?', [key]);
  if (exact) return exact.id;
  const prefixed = await ctx.store.all<IdRow>(
    'SELECT id, channel_id FROM streams WHERE id LIKE ? ORDER BY started_at DESC LIMIT 2',
    [`${key.replace(/[%_]/g, '')}%`],
  );
  if (prefixed.length === 1) return prefixed[0]!.id;
  if (prefixed.length > 1)
    throw new StreamlensError('USAGE', `stream "${key}" is ambiguous`, 'use list_streams for full ids');
  throw new StreamlensError('NOT_FOUND', `no stream "${key}"`, 'use list_streams for valid ids');
}

/** The channel id of a login, or the default channel: the first configured one, else the one with the most streams. */
export async function resolveChannelId(ctx: ToolContext, login?: string): Promise<string> {
  const wanted = login ?? ctx.config.channels[0];
  if (wanted) {
    const row = await ctx.store.get<{ id: string }>('SELECT id FROM channels WHERE login = ?', [wanted.toLowerCase()]);
    if (row) return row.id;
    if (login) throw new StreamlensError('NOT_FOUND', `no channel "${login}" recorded`);
  }
  return findLatestChannelId(ctx.store);
}

async function findLatestChannelId(store: Store): Promise<string> {
  const id = await findMainChannelId(store);
  if (!id) throw new StreamlensError('NOT_FOUND', 'no streams are recorded yet');
  return id;
}
