// Two streams side by side: every summary figure of each and their difference.

import type { Store } from '../../store/store.ts';
import { round } from '../lib/stats.ts';
import type { Evidence } from '../results.ts';
import { findStreamRow, type StreamInfo, toStreamInfo } from '../stream/load-stream.ts';
import { figureUnits, getStreamFigures, type SummaryFigureKey } from './stream-figures.ts';

/** Compares stream `a` with stream `b` (delta = b − a); null when either does not exist. */
export async function compareStreams(store: Store, a: string, b: string): Promise<StreamComparison | null> {
  const [ra, rb] = await Promise.all([findStreamRow(store, a), findStreamRow(store, b)]);
  if (!ra || !rb) return null;
  // Figures are per channel (events are loaded by channel), so each stream is measured on its own.
  const [fa, fb] = await Promise.all([getStreamFigures(store, [ra]), getStreamFigures(store, [rb])]);
  const A = fa.get(ra.id)!;
  const B = fb.get(rb.id)!;
  return {
    a: toStreamInfo(ra),
    b: toStreamInfo(rb),
    figures: (Object.keys(figureUnits) as SummaryFigureKey[]).map((key) => {
      const va = A.figures[key].value;
      const vb = B.figures[key].value;
      const delta = va !== null && vb !== null ? round(vb - va, 2) : null;
      return {
        key,
        unit: figureUnits[key],
        a: va,
        b: vb,
        delta,
        deltaPct: delta !== null && va ? round((delta / va) * 100, 1) : null,
      };
    }),
    evidence: [...A.evidence, ...B.evidence],
  };
}

export interface StreamComparison {
  a: StreamInfo;
  b: StreamInfo;
  figures: {
    key: SummaryFigureKey;
    unit: string;
    a: number | null;
    b: number | null;
    /** b − a. */
    delta: number | null;
    deltaPct: number | null;
  }[];
  evidence: Evidence[];
}
