// list_streams: the recorded streams with their headline figures, to find ids and pick streams by date.

import { z } from 'zod';
import { listStreams } from '../../analytics/index.ts';
import { channelInput, dateInput, defineTool, toEpoch } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** Lists streams, newest first by default. */
export const listStreamsTool = defineTool({
  name: 'list_streams',
  description:
    'List recorded streams (id, title, category, start time, duration, average and peak viewers). Filter by channel, category and start time range; sort by newest, oldest, avg-viewers, peak-viewers or duration.',
  input: z.object({
    channel: channelInput,
    category: z.string().max(100).optional(),
    from: dateInput,
    to: dateInput,
    sort: z.enum(['newest', 'oldest', 'avg-viewers', 'peak-viewers', 'duration']).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    const streams = await listStreams(ctx.store, {
      channelId,
      category: input.category,
      from: toEpoch(input.from),
      to: toEpoch(input.to),
      sort: input.sort,
      limit: input.limit ?? 20,
    });
    return {
      streams: streams.map((s) => ({
        id: s.id,
        title: s.title,
        gameName: s.gameName,
        startedAt: new Date(s.startedAt).toISOString(),
        durationMinutes: Math.round(s.durationMs / 60_000),
        live: s.live,
        avgViewers: s.avgViewers,
        peakViewers: s.peakViewers,
      })),
    };
  },
});
