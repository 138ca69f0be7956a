// stream_summary: a stream's headline figures and how they compare with the channel's previous streams.

import { z } from 'zod';
import { getStreamSummary } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { defineTool, streamRef } from './define-tool.ts';
import { resolveStreamId } from './resolve-stream.ts';

/** Summary figures of one stream. */
export const streamSummaryTool = defineTool({
  name: 'stream_summary',
  description:
    'Headline figures of one stream (duration, average/median/peak viewers, hours watched, follows, subs, bits, raids, chat messages, unique chatters, messages per minute) and each against the median of the previous streams.',
  input: z.object({ stream: streamRef }),
  async execute(input, ctx) {
    const id = await resolveStreamId(input.stream, ctx);
    const summary = await getStreamSummary(ctx.store, id);
    if (!summary) throw new StreamlensError('NOT_FOUND', `no stream "${id}"`);
    return {
      stream: summary.stream,
      figures: summary.figures,
      eventSource: summary.eventSource,
      comparedWithPrevious: summary.comparison.figures
        .filter((f) => f.previousMedian !== null)
        .map((f) => ({ key: f.key, value: f.value, previousMedian: f.previousMedian, deltaPct: f.deltaPct })),
      previousStreams: summary.comparison.previousStreamIds.length,
    };
  },
});
