// CSV exports: the streams list, a stream's per-minute timeline, a stream's chatters and a channel's chatters.
// Each validates like its JSON sibling, reads through an analytics question page by page, and streams the file.

import { z } from 'zod';
import {
  formatOffset,
  getStreamSummary,
  getStreamTimeline,
  iterateChannelChatters,
  iterateStreamChatters,
  iterateStreams,
  resolveChannelId,
  type StreamListItem,
} from '../../analytics/index.ts';
import { channelQuery, idParams } from '../http/api-schemas.ts';
import { type CsvCell, csvResponse, mapPages } from '../http/csv-response.ts';
import { defineRoute } from '../http/define-route.ts';
import { notFound } from '../http/http-error.ts';

const csv = z.string().describe('CSV (RFC 4180), with a header line');
const day = z.iso.date().transform((d) => Date.parse(`${d}T00:00:00Z`));
const iso = (ts: number | null) => (ts === null ? null : new Date(ts).toISOString());
const safeName = (id: string) => id.replace(/[^\w-]/g, '');

export const exportStreamsRoute = defineRoute('get', '/api/export/streams.csv', {
  summary:
    'The recorded streams as CSV (every match, no limit), newest or oldest first, with the /api/streams filters.',
  query: z.object({
    channel: z.string().max(50).optional(),
    category: z.string().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
    sort: z.enum(['newest', 'oldest']).default('newest'),
  }),
  response: csv,
  produces: 'text/csv',
  async handle({ query, deps }) {
    const channelId = query.channel
      ? await resolveChannelId(deps.store, query.channel, deps.config.channels)
      : undefined;
    const pages = iterateStreams(deps.store, {
      channelId,
      category: query.category,
      from: query.from,
      to: query.to === undefined ? undefined : query.to + 86_400_000,
      order: query.sort,
    });
    return csvResponse(
      'streamlens-streams.csv',
      [
        'stream_id',
        'channel',
        'started_at',
        'ended_at',
        'duration_minutes',
        'title',
        'category',
        'avg_viewers',
        'peak_viewers',
        'vod_id',
        'live',
      ],
      mapPages(pages, (s: StreamListItem): CsvCell[] => [
        s.id,
        s.channelLogin ?? s.channelId,
        iso(s.startedAt),
        iso(s.endedAt),
        Math.round(s.durationMs / 60_000),
        s.title,
        s.gameName,
        s.avgViewers === null ? null : Math.round(s.avgViewers * 10) / 10,
        s.peakViewers,
        s.vodId,
        s.live,
      ]),
      (error) => deps.log.warn('CSV export of streams stopped', { error: String(error) }),
    );
  },
});

export const exportTimelineRoute = defineRoute('get', '/api/export/streams/:id/timeline.csv', {
  summary: "A stream's per-minute timeline as CSV: viewers, chat, events by kind, transcript lines.",
  params: idParams,
  response: csv,
  produces: 'text/csv',
  async handle({ params, deps }) {
    const timeline = await getStreamTimeline(deps.store, params.id, {
      minConfidence: deps.config.transcription.minConfidence,
    });
    if (!timeline) throw notFound(`stream ${params.id}`);
    const kinds = [...new Set(timeline.minutes.flatMap((m) => Object.keys(m.events)))].sort();
    const start = timeline.stream.startedAt;
    async function* pages() {
      for (let i = 0; i < timeline!.minutes.length; i += 1000)
        yield timeline!.minutes
          .slice(i, i + 1000)
          .map((m): CsvCell[] => [
            formatOffset(m.offsetMs),
            iso(start + m.offsetMs),
            m.viewers,
            m.messages,
            m.chatters,
            m.emotes,
            m.bits,
            m.transcriptLines,
            ...kinds.map((k) => m.events[k as keyof typeof m.events] ?? 0),
          ]);
    }
    return csvResponse(
      `streamlens-timeline-${safeName(timeline.stream.id)}.csv`,
      [
        'offset',
        'time',
        'viewers',
        'messages',
        'chatters',
        'emotes',
        'bits',
        'transcript_lines',
        ...kinds.map((k) => `events_${k}`),
      ],
      pages(),
      (error) => deps.log.warn('CSV export of a timeline stopped', { error: String(error) }),
    );
  },
});

export const exportStreamChattersRoute = defineRoute('get', '/api/export/streams/:id/chatters.csv', {
  summary: "A stream's chatters as CSV: messages in the stream, first and last message, channel totals, new or not.",
  params: idParams,
  response: csv,
  produces: 'text/csv',
  async handle({ params, deps }) {
    const summary = await getStreamSummary(deps.store, params.id);
    if (!summary) throw notFound(`stream ${params.id}`);
    const { stream } = summary;
    return csvResponse(
      `streamlens-chatters-${safeName(stream.id)}.csv`,
      [
        'user_login',
        'display_name',
        'user_id',
        'stream_messages',
        'first_message_at',
        'last_message_at',
        'new_in_channel',
        'channel_messages',
        'first_seen',
        'last_seen',
      ],
      mapPages(iterateStreamChatters(deps.store, stream), (c): CsvCell[] => [
        c.userLogin,
        c.displayName,
        c.userId,
        c.streamMessages,
        iso(c.firstTs),
        iso(c.lastTs),
        c.firstTimeInChannel,
        c.messages,
        iso(c.firstSeen),
        iso(c.lastSeen),
      ]),
      (error) => deps.log.warn('CSV export of stream chatters stopped', { error: String(error) }),
    );
  },
});

export const exportChannelChattersRoute = defineRoute('get', '/api/export/chatters.csv', {
  summary: "A channel's chatters (default: the main channel) as CSV: messages, first and last seen.",
  query: channelQuery,
  response: csv,
  produces: 'text/csv',
  async handle({ query, deps }) {
    const channelId = await resolveChannelId(deps.store, query.channel, deps.config.channels);
    return csvResponse(
      `streamlens-chatters-${safeName(query.channel ?? channelId)}.csv`,
      ['user_login', 'display_name', 'user_id', 'messages', 'first_seen', 'last_seen'],
      mapPages(iterateChannelChatters(deps.store, channelId), (c): CsvCell[] => [
        c.userLogin,
        c.displayName,
        c.userId,
        c.messages,
        iso(c.firstSeen),
        iso(c.lastSeen),
      ]),
      (error) => deps.log.warn('CSV export of chatters stopped', { error: String(error) }),
    );
  },
});
