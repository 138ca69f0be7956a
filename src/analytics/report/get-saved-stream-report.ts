// Reads a report kept in stream_reports.

import type { Store } from '../../store/store.ts';
import type { StreamReport } from './generate-stream-report.ts';

export interface SavedStreamReport {
  streamId: string;
  channelId: string;
  generatedAt: number;
  report: StreamReport;
}

/** The saved report of a stream; null when none was saved (or it is unreadable). */
export async function getSavedStreamReport(store: Store, streamId: string): Promise<SavedStreamReport | null> {
  const row = await store.get<{ stream_id: string; channel_id: string; generated_at: number; report: string }>(
    'SELECT stream_id, channel_id, generated_at, report FROM stream_reports WHERE stream_id = ?',
    [streamId],
  );
  if (!row) return null;
  try {
    return {
      streamId: row.stream_id,
      channelId: row.channel_id,
      generatedAt: Number(row.generated_at),
      report: JSON.parse(row.report) as StreamReport,
    };
  } catch {
    return null;
  }
}
