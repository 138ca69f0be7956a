// Headline figures of one stream and how they compare with the channel's previous streams.

import type { Store } from '../../store/store.ts';
import { median, percentileRank, round } from '../lib/stats.ts';
import type { Evidence, Metric } from '../results.ts';
import {
  findStreamRow,
  type StreamInfo,
  type StreamRow,
  streamColumns,
  streamFrom,
  toStreamInfo,
} from '../stream/load-stream.ts';
import { figureUnits, getStreamFigures, type SummaryFigureKey } from './stream-figures.ts';

export interface StreamSummaryOptions {
  /** Previous streams to compare with (default 20). */
  previousLimit?: number;
}

/** Summary of a stream; null when it does not exist. */
export async function getStreamSummary(
  store: Store,
  streamId: string,
  options: StreamSummaryOptions = {},
): Promise<StreamSummary | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  // A live stream is compared with finished streams at the same elapsed time ("so far"), never whole ones.
  const live = row.ended_at === null;
  const previous = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at < ?
     ${live ? 'AND s.ended_at IS NOT NULL' : ''} ORDER BY s.started_at DESC LIMIT ?`,
    [row.channel_id, row.started_at, options.previousLimit ?? 20],
  );
  // A finished stream's figures and its predecessors' are read together (one fingerprint check for all).
  const figures = await getStreamFigures(store, live ? [row] : [row, ...previous]);
  const previousByStream = live ? await getStreamFigures(store, previous, { firstMs: info.durationMs }) : figures;
  const own = figures.get(row.id)!;
  const previousFigures = previous.map((p) => previousByStream.get(p.id)!.figures);
  return {
    stream: info,
    figures: own.figures,
    eventSource: own.eventSource,
    comparison: {
      previousStreamIds: previous.map((p) => p.id),
      basis: live ? 'so-far' : 'whole',
      elapsedMinutes: live ? round(info.durationMs / 60_000, 1) : null,
      figures: compareFigures(own.figures, previousFigures),
    },
    evidence: own.evidence,
  };
}

/** Each figure against the same figure of earlier streams (median, delta, percentile). */
export function compareFigures(
  own: Record<SummaryFigureKey, Metric>,
  previous: readonly Record<SummaryFigureKey, Metric>[],
): FigureComparison[] {
  return (Object.keys(figureUnits) as SummaryFigureKey[]).map((key) => {
    const value = own[key].value;
    const others = previous.map((p) => p[key].value).filter((v): v is number => v !== null);
    const raw = median(others);
    const med = raw === null ? null : round(raw, 2);
    const delta = value !== null && med !== null ? round(value - med, 2) : null;
    return {
      key,
      unit: figureUnits[key],
      value,
      previousStreams: others.length,
      previousMedian: med,
      delta,
      deltaPct: delta !== null && med ? round((delta / med) * 100, 1) : null,
      percentile: value !== null ? percentileRank(value, others) : null,
    };
  });
}

/** One figure of a stream against the same figure of the channel's previous streams. */
export interface FigureComparison {
  key: SummaryFigureKey;
  unit: string;
  value: number | null;
  /** How many previous streams had this figure. */
  previousStreams: number;
  previousMedian: number | null;
  /** value − previousMedian. */
  delta: number | null;
  /** (value − previousMedian) / previousMedian × 100. */
  deltaPct: number | null;
  /** Share of previous streams this one beat, 0–100 (ties count half). */
  percentile: number | null;
}

export interface StreamSummary {
  stream: StreamInfo;
  figures: Record<SummaryFigureKey, Metric>;
  /** Where subs/follows/bits/raids were counted from (EventSub preferred, IRC otherwise). */
  eventSource: 'channel_events' | 'chat_events' | 'none';
  /** Against up to `previousLimit` earlier streams of the channel. */
  comparison: {
    previousStreamIds: string[];
    /** `so-far`: a live stream against finished streams' first `elapsedMinutes`; `whole`: whole streams. */
    basis: 'so-far' | 'whole';
    elapsedMinutes: number | null;
    figures: FigureComparison[];
  };
  evidence: Evidence[];
}
