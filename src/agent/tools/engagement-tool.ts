// engagement: how viewers took part beyond chat in a stream — clips, channel points, polls, predictions,
// shoutouts, and who watched without chatting (lurkers, regulars who lurked).

import { z } from 'zod';
import { getStreamEngagement } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { defineTool, streamRef } from './define-tool.ts';
import { resolveStreamId } from './resolve-stream.ts';

/** A stream's engagement beyond chat. */
export const engagementTool = defineTool({
  name: 'engagement',
  description:
    "A stream's engagement beyond chat: clips (with URLs and views), channel points redemptions by reward, polls and predictions with their results, shoutouts given and received, and lurkers (present in chat without chatting, estimated watch time, regulars who lurked).",
  input: z.object({ stream: streamRef }),
  async execute(input, ctx) {
    const id = await resolveStreamId(input.stream, ctx);
    const result = await getStreamEngagement(ctx.store, id);
    if (!result) throw new StreamlensError('NOT_FOUND', `no stream "${id}"`);
    return result;
  },
});
