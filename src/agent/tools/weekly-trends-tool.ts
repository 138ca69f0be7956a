// weekly_trends: growth week by week (follows, viewers, chatters).

import { z } from 'zod';
import { getWeeklyTrends } from '../../analytics/index.ts';
import { channelInput, defineTool } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** Weekly trend of the channel, oldest first. */
export const weeklyTrendsTool = defineTool({
  name: 'weekly_trends',
  description:
    'Week by week (oldest first): streams, hours, follows, cumulative follows, average viewers and unique chatters — for growth and trend questions.',
  input: z.object({ channel: channelInput, weeks: z.number().int().min(1).max(104).optional() }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    return getWeeklyTrends(ctx.store, channelId, { weeks: input.weeks ?? 12 });
  },
});
