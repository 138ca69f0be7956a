// The pipeline's first step: a record that cannot be stored faithfully is dropped with a stable reason.

import type { IngestRecord } from './ingest.ts';

const maxTextLength = 10_000;

function isTime(ts: unknown): boolean {
  return typeof ts === 'number' && Number.isSafeInteger(ts) && ts > 0;
}

/** Returns why the record must be dropped, or undefined when it is fine. */
export function findInvalidReason(record: IngestRecord): string | undefined {
  switch (record.kind) {
    case 'message': {
      const m = record.message;
      if (!m.id) return 'message: missing id';
      if (!m.channelId) return 'message: missing channel id';
      if (!m.userId || !m.userLogin) return 'message: missing user';
      if (!isTime(m.ts)) return 'message: bad timestamp';
      if (m.text.length > maxTextLength) return 'message: text too long';
      return undefined;
    }
    case 'event':
    case 'channelEvent': {
      const e = record.event;
      if (!e.id) return `${record.kind}: missing id`;
      if (!e.channelId) return `${record.kind}: missing channel id`;
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
