// category_comparison: how each category streamed has performed.

import { z } from 'zod';
import { getCategoryComparison } from '../../analytics/index.ts';
import { channelInput, defineTool } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** Per-category viewers, chat and follows. */
export const categoryComparisonTool = defineTool({
  name: 'category_comparison',
  description:
    'Per category the channel streamed: number of streams, hours, average viewers, chat messages per viewer-hour and follows per hour.',
  input: z.object({ channel: channelInput }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    return getCategoryComparison(ctx.store, channelId);
  },
});
