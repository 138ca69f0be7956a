// The vocabulary every analytics result shares: a figure with its unit, the evidence behind a claim, and
// `NoData` where the data a figure needs was never recorded.

import type { EpochMs } from '../domain.ts';

/** Returned instead of a figure or a list when the data needed for it was never recorded. */
export interface NoData {
  status: 'no-data';
  reason: string;
}

/** What a claim rests on: which streams, which time range, how many records of which kind. */
export interface Evidence {
  /** The table(s) the figure comes from, e.g. `stream_snapshots`. */
  source: string;
  streamIds?: string[];
  fromTs?: EpochMs;
  toTs?: EpochMs;
  /** Record counts behind the figure, by kind: `{ messages: 412, snapshots: 180 }`. */
  counts?: Record<string, number>;
  /** One sentence a person can check. */
  note?: string;
}

/** A number with its unit; null when the data for it is missing (then `missing` says why). */
export interface Metric {
  value: number | null;
  unit: string;
  missing?: string;
}

export interface AnalyticsOptions {
  /** Transcript lines below this confidence are never quoted (default 0.6, config `transcription.minConfidence`). */
  minConfidence?: number;
}
