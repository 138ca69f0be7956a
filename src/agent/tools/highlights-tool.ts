// highlights: the moments chat reacted to most, ranked.

import { z } from 'zod';
import { getStreamHighlights } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { defineTool, streamRef } from './define-tool.ts';
import { resolveStreamId } from './resolve-stream.ts';

/** Ranked chat highlights of a stream. */
export const highlightsTool = defineTool({
  name: 'highlights',
  description:
    'The moments of a stream where chat reacted far above its baseline (chat spikes, emote bursts, laughter, hype), ranked, each with its offset, message counts, top emotes/words, sample messages and transcript.',
  input: z.object({ stream: streamRef, limit: z.number().int().min(1).max(10).optional() }),
  async execute(input, ctx) {
    const id = await resolveStreamId(input.stream, ctx);
    const result = await getStreamHighlights(ctx.store, id, { limit: input.limit ?? 5 });
    if (!result) throw new StreamlensError('NOT_FOUND', `no stream "${id}"`);
    return result;
  },
});
