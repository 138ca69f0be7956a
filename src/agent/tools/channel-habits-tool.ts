// channel_habits: how the channel streams and what goes with better streams — its schedule (weekday and start hour
// in a time zone), how fast viewers arrive, whether longer streams pay, and which title words go with more viewers.

import { z } from 'zod';
import {
  compareStreamLengths,
  getStreamingSchedule,
  getTitleKeywords,
  isTimeZone,
  listStreams,
} from '../../analytics/index.ts';
import { channelInput, defineTool } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** Streams read: the most recent ones. */
const recent = 30;

export const channelHabitsTool = defineTool({
  name: 'channel_habits',
  description:
    "The channel's habits over its last 30 streams: schedule (streams per weekday, start slots by weekday 0 = Monday and hour in timeZone, streams a week, weeks with a stream, median length), viewer arrival (median minutes to half and nine tenths of the peak, to the peak, share of peak left in the last half hour), shorter vs longer streams (medians of each half split at the median length), and title words with the average viewers of streams with and without them.",
  input: z.object({
    channel: channelInput,
    timeZone: z
      .string()
      .max(64)
      .optional()
      .describe('IANA time zone for the schedule, e.g. Europe/Berlin; default UTC'),
  }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    const zone = input.timeZone && isTimeZone(input.timeZone) ? input.timeZone : 'UTC';
    const streams = (await listStreams(ctx.store, { channelId, limit: recent })).filter((s) => !s.live);
    const [{ arrival, ...lengths }, titles] = await Promise.all([
      compareStreamLengths(ctx.store, channelId, 0, Number.MAX_SAFE_INTEGER, recent),
      getTitleKeywords(ctx.store, channelId),
    ]);
    // The arrival curves the length comparison read (its streams with viewer counts): medians, not every curve.
    const { streams: perStream, ...arrivalMedians } = arrival;
    return {
      channelId,
      timeZone: zone,
      schedule: getStreamingSchedule(streams, zone),
      arrival: { ...arrivalMedians, streamsWithViewerCounts: perStream.length },
      lengths,
      titleKeywords: 'keywords' in titles ? titles.keywords.slice(0, 15) : titles,
      evidence: { source: 'streams+stream_snapshots', streamIds: streams.map((s) => s.id) },
    };
  },
});
