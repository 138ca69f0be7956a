// compare_streams: two streams side by side.

import { z } from 'zod';
import { compareStreams } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { defineTool, streamRef } from './define-tool.ts';
import { resolveStreamId } from './resolve-stream.ts';

/** Every summary figure of stream a and stream b, with b − a. */
export const compareStreamsTool = defineTool({
  name: 'compare_streams',
  description:
    'Compare two streams figure by figure (viewers, hours watched, follows, subs, chat…): value in a, value in b, delta = b − a and percent change. Default: a = previous, b = latest.',
  input: z.object({ a: streamRef.optional(), b: streamRef.optional() }),
  async execute(input, ctx) {
    const a = await resolveStreamId(input.a ?? 'previous', ctx);
    const b = await resolveStreamId(input.b ?? 'latest', ctx);
    const result = await compareStreams(ctx.store, a, b);
    if (!result) throw new StreamlensError('NOT_FOUND', `no stream "${a}" or "${b}"`);
    return result;
  },
});
