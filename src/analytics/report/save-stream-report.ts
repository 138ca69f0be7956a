// Generates a stream's report and keeps it in stream_reports (called by the collector at stream end).

import type { Store } from '../../store/store.ts';
import { generateStreamReport, type StreamReport, type StreamReportOptions } from './generate-stream-report.ts';

/** Generates and upserts the report of a stream; returns it. */
export async function saveStreamReport(
  store: Store,
  streamId: string,
  options: StreamReportOptions = {},
): Promise<StreamReport> {
  const report = await generateStreamReport(store, streamId, options);
  await store.writeStreamReport({
    streamId: report.stream.id,
    channelId: report.stream.channelId,
    generatedAt: report.generatedAt,
    json: JSON.stringify(report),
  });
  return report;
}
