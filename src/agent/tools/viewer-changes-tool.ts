// viewer_changes: notable rises and drops of viewers, each with what happened just before.

import { z } from 'zod';
import { getViewerChanges } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { defineTool, offsetInput, streamRef, toOffsetMs } from './define-tool.ts';
import { resolveStreamId } from './resolve-stream.ts';

/** Explained viewer changes, optionally the ones nearest an offset. */
export const viewerChangesTool = defineTool({
  name: 'viewer_changes',
  description:
    'Notable viewer rises and drops of a stream with their likely causes (ad breaks, raids, category/title changes, quiet chat, transcript). Give "around" to get the changes nearest that offset first.',
  input: z.object({ stream: streamRef, around: offsetInput.optional() }),
  async execute(input, ctx) {
    const id = await resolveStreamId(input.stream, ctx);
    const result = await getViewerChanges(ctx.store, id);
    if (!result) throw new StreamlensError('NOT_FOUND', `no stream "${id}"`);
    if (!('changes' in result) || input.around === undefined) return result;
    const at = toOffsetMs(input.around);
    const changes = [...result.changes]
      .filter((c) => Math.abs(c.offsetMs - at) <= 15 * 60_000)
      .sort((x, y) => Math.abs(x.offsetMs - at) - Math.abs(y.offsetMs - at));
    return { ...result, around: at, changes };
  },
});
