// The pipeline's first step: a record that cannot be stored faithfully is dropped with a stable reason.

import type { IngestRecord } from './ingest.ts';

const maxTextLength = 10_000;
/** Twitch's message and event ids are UUIDs (36 characters); other sources' ids get room, not unbounded. */
const maxIdLength = 128;

/**
 * Twitch's user and channel ids are decimal numbers kept as strings. The one other form is the `login:<login>` an
 * import gives a chatter or channel its log names by login only (docs/import-formats.md); anything else (`abc`, a
 * 100,000-character id) did not come from Twitch.
 */
export function isTwitchId(id: string): boolean {
  return id.length <= 31 && /^(?:[0-9]{1,20}|login:[a-zA-Z0-9_]{1,25})$/.test(id);
}

function isTime(ts: unknown): boolean {
  return typeof ts === 'number' && Number.isSafeInteger(ts) && ts > 0;
}

/** Returns why the record must be dropped, or undefined when it is fine. */
export function findInvalidReason(record: IngestRecord): string | undefined {
  switch (record.kind) {
    case 'message': {
      const m = record.message;
      if (!m.id) return 'message: missing id';
      if (m.id.length > maxIdLength) return 'message: id too long';
      if (!m.channelId) return 'message: missing channel id';
      if (!isTwitchId(m.channelId)) return 'message: bad channel id';
      if (!m.userId || !m.userLogin) return 'message: missing user';
      if (!isTwitchId(m.userId)) return 'message: bad user id';
      if (m.sourceChannelId && !isTwitchId(m.sourceChannelId)) return 'message: bad source channel id';
      if (!isTime(m.ts)) return 'message: bad timestamp';
      if (m.text.length > maxTextLength) return 'message: text too long';
      return undefined;
    }
    case 'event':
    case 'channelEvent': {
      const e = record.event;
      if (!e.id) return `${record.kind}: missing id`;
      if (e.id.length > maxIdLength) return `${record.kind}: id too long`;
      if (!e.channelId) return `${record.kind}: missing channel id`;
      if (!isTwitchId(e.channelId)) return `${record.kind}: bad channel id`;
      if (e.userId && !isTwitchId(e.userId)) return `${record.kind}: bad user id`;
      if (!e.type) return `${record.kind}: missing type`;
      if (!isTime(e.ts)) return `${record.kind}: bad timestamp`;
      return undefined;
    }
    case 'snapshot': {
      const s = record.snapshot;
      if (!s.streamId || !s.channelId) return 'snapshot: missing stream';
      if (!isTime(s.ts)) return 'snapshot: bad timestamp';
      if (!Number.isInteger(s.viewerCount) || s.viewerCount < 0) return 'snapshot: bad viewer count';
      return undefined;
    }
    case 'transcript': {
      const t = record.segment;
      if (!t.id || !t.channelId) return 'transcript: missing id';
      if (!isTime(t.startTs) || !isTime(t.endTs) || t.endTs < t.startTs) return 'transcript: bad time range';
      if (!t.text.trim()) return 'transcript: empty text';
      return undefined;
    }
    case 'transcriptGap':
      return isTime(record.gap.startTs) && isTime(record.gap.endTs) ? undefined : 'transcriptGap: bad time range';
    case 'categorySnapshot':
      return record.snapshot.gameId && isTime(record.snapshot.ts) ? undefined : 'categorySnapshot: bad record';
  }
}
