// The Live page's routes: the current state, and the event stream (SSE) that keeps it current.

import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { getLiveStreams, reportedTwiceFamilies } from '../../analytics/index.ts';
import { defineRoute } from '../http/define-route.ts';

const chatLine = z.object({
  id: z.string(),
  streamId: z.string().nullable(),
  ts: z.number(),
  userLogin: z.string(),
  displayName: z.string(),
  text: z.string(),
  firstMsg: z.boolean(),
  bits: z.number(),
});

/** A live stream as analytics' getLiveStreams describes it, with the highlights the live hub announced. */
export const liveStreamSchema = z.object({
  streamId: z.string(),
  channelId: z.string(),
  channelLogin: z.string().nullable(),
  displayName: z.string().nullable(),
  title: z.string(),
  gameName: z.string().nullable(),
  startedAt: z.number(),
  viewers: z.number().nullable(),
  counters: z.object({
    messages: z.number(),
    chatters: z.number(),
    follows: z.number(),
    subs: z.number(),
    bits: z.number(),
  }),
  chat: z.array(chatLine),
  events: z.array(
    z.object({
      id: z.string(),
      ts: z.number(),
      type: z.string(),
      userLogin: z.string().nullable(),
      /** The event's own fields (bits, raid viewers and direction, hype train level), for its sentence. */
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  transcript: z.array(z.object({ id: z.string(), startTs: z.number(), text: z.string(), confidence: z.number() })),
  highlights: z.array(z.record(z.string(), z.unknown())),
  /** Everyone who chatted in this stream so far, so the page counts a new chatter exactly. */
  chatterLogins: z.array(z.string()),
  /** Families (subs, raid) this stream has from EventSub: their chat reports are neither listed nor counted. */
  eventSubFamilies: z.array(z.enum(reportedTwiceFamilies)),
});

const heartbeatMs = 15_000;

export const liveRoute = defineRoute('get', '/api/live', {
  summary: 'Live streams with their latest counters, recent chat, events, transcript and highlights.',
  response: z.object({ ingest: z.boolean(), streams: z.array(liveStreamSchema) }),
  handle: async ({ deps }) => ({
    ingest: !!deps.ingest,
    streams: (await getLiveStreams(deps.store)).map((s) => ({
      ...s,
      highlights: deps.live.recentHighlights(s.streamId),
    })),
  }),
});

export const liveEventsRoute = defineRoute('get', '/api/live/events', {
  summary:
    'Server-sent events: chat, chat-event, channel-event, snapshot, transcript, highlight, dropped (the client fell behind and missed `count` events); a comment line every 15 s.',
  response: z.string(),
  produces: 'text/event-stream',
  handle: async ({ c, deps }) =>
    streamSSE(c, async (stream) => {
      const client = deps.live.subscribe();
      stream.onAbort(() => client.close());
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ ingest: !!deps.ingest }) });
      while (!client.closed && !stream.aborted) {
        const events = await client.next(heartbeatMs);
        if (events.length === 0) {
          if (!client.closed) await stream.write(': heartbeat\n\n');
          continue;
        }
        for (const e of events)
          await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data), id: String(e.seq) });
      }
      client.close();
    }),
});
