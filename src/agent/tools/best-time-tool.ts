// best_time: which hours of the week have done best for the channel.

import { z } from 'zod';
import { getBestTimes } from '../../analytics/index.ts';
import { channelInput, defineTool } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** The best hour-of-week slots by average viewers. */
export const bestTimeTool = defineTool({
  name: 'best_time',
  description:
    "The channel's own history by hour of week (day 0 = Sunday): average viewers, follows per hour and chat per viewer-hour per slot, the best slots first. Times are UTC unless tzOffsetMinutes is given.",
  input: z.object({
    channel: channelInput,
    tzOffsetMinutes: z.number().int().min(-720).max(840).optional(),
  }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    const result = await getBestTimes(ctx.store, channelId, { tzOffsetMinutes: input.tzOffsetMinutes ?? 0 });
    if (!('best' in result)) return result;
    // The whole 168-cell grid is noise to a model: the ranked cells say it all.
    return {
      channelId,
      tzOffsetMinutes: result.tzOffsetMinutes,
      best: result.best.slice(0, 10),
      evidence: result.evidence,
    };
  },
});
