// The Live page's routes: the current state, and the event stream (SSE) that keeps it current.

import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { defineRoute } from '../http/define-route.ts';
import { getLiveState, liveStreamSchema } from './live-state.ts';

const heartbeatMs = 15_000;

export const liveRoute = defineRoute('get', '/api/live', {
  summary: 'Live streams with their latest counters, recent chat, events, transcript and highlights.',
  response: z.object({ ingest: z.boolean(), streams: z.array(liveStreamSchema) }),
  handle: async ({ deps }) => ({
    ingest: !!deps.ingest,
    streams: await getLiveState(deps.store, (id) => deps.live.recentHighlights(id)),
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
