// Generates a stream's report and keeps it in stream_reports (called by the collector at stream end).

import type { Store } from '../store/store.ts';
import { generateStreamReport, type StreamReportOptions } from './generate-stream-report.ts';
import type { StreamReport } from './types.ts';

/** Generates and upserts the report of a stream; returns it. */
export async function saveStreamReport(
  store: Store,
  streamId: string,
  options: StreamReportOptions = {},
): Promise<StreamReport> {
  const report = await generateStreamReport(store, streamId, options);
  // RETURNING: the Store only runs statements that return rows; both backends support it.
  await store.all(
    `INSERT INTO stream_reports (stream_id, channel_id, generated_at, report) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET channel_id = excluded.channel_id, generated_at = excluded.generated_at, report = excluded.report
     RETURNING stream_id`,
    [report.stream.id, report.stream.channelId, report.generatedAt, JSON.stringify(report)],
  );
  return report;
}
