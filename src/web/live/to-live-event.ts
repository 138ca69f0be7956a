// Turns stored ingest records into the events the Live page receives: only the fields it shows (no raw
// payloads), as plain JSON the browser renders as text.

import type { Highlight } from '../../analytics/index.ts';
import type { IngestRecord } from '../../ingest/ingest.ts';

export type LiveEventName =
  | 'chat'
  | 'chat-event'
  | 'channel-event'
  | 'snapshot'
  | 'transcript'
  | 'highlight'
  | 'dropped';

export interface LiveEvent {
  seq: number;
  event: LiveEventName;
  data: Record<string, unknown>;
}

/** The live event for a stored record, or undefined for records the page does not show. */
export function toLiveEvent(record: IngestRecord): Omit<LiveEvent, 'seq'> | undefined {
  switch (record.kind) {
    case 'message': {
      const m = record.message;
      return {
        event: 'chat',
        data: {
          id: m.id,
          channelId: m.channelId,
          streamId: m.streamId,
          ts: m.ts,
          userLogin: m.userLogin,
          displayName: m.displayName,
          text: m.text,
          isAction: m.isAction,
          bits: m.bits,
          firstMsg: m.firstMsg,
          badges: m.badges.map((b) => b.name),
          color: m.color,
          replyTo: m.replyParentUserLogin,
        },
      };
    }
    case 'event':
    case 'channelEvent': {
      const e = record.event;
      return {
        event: record.kind === 'event' ? 'chat-event' : 'channel-event',
        data: {
          id: e.id,
          channelId: e.channelId,
          streamId: e.streamId,
          ts: e.ts,
          type: e.type,
          userLogin: e.userLogin,
          data: e.data,
        },
      };
    }
    case 'snapshot': {
      const s = record.snapshot;
      return { event: 'snapshot', data: { ...s } };
    }
    case 'transcript': {
      const t = record.segment;
      return {
        event: 'transcript',
        data: {
          id: t.id,
          channelId: t.channelId,
          streamId: t.streamId,
          startTs: t.startTs,
          endTs: t.endTs,
          text: t.text,
          confidence: t.confidence,
        },
      };
    }
    default:
      return undefined;
  }
}

/** A highlight as the Live page receives it. */
export function toHighlightEvent(streamId: string, h: Highlight): Omit<LiveEvent, 'seq'> {
  return {
    event: 'highlight',
    data: {
      streamId,
      startTs: h.startTs,
      offsetMs: h.offsetMs,
      offsetLabel: h.offsetLabel,
      kinds: h.kinds,
      messages: h.messages,
      ratio: h.ratio,
      topEmotes: h.topEmotes,
      vodUrl: h.vodUrl,
    },
  };
}
