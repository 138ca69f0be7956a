// top_chatters: the channel's most active or most loyal chatters over its history.

import { z } from 'zod';
import { getTopChatters } from '../../analytics/index.ts';
import { channelInput, dateInput, defineTool, toEpoch } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** Top chatters of the channel by messages or by streams attended. */
export const topChattersTool = defineTool({
  name: 'top_chatters',
  description:
    "The channel's top chatters over all its streams, or over the streams that started in [from, to): messages sent and streams attended each. order 'messages' (most active, default) or 'streams' (most loyal).",
  input: z.object({
    channel: channelInput,
    order: z.enum(['messages', 'streams']).optional(),
    limit: z.number().int().min(1).max(50).optional(),
    from: dateInput,
    to: dateInput,
  }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    return getTopChatters(ctx.store, channelId, {
      order: input.order,
      limit: input.limit,
      from: toEpoch(input.from),
      to: toEpoch(input.to),
    });
  },
});
