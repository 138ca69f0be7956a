// "Compare my last stream with the previous one", "last stream vs 2026-05-03", "how did my last two streams
// differ?": the second stream named against the first (default: the last against the one before it).

import type { StreamComparison } from '../../../analytics/index.ts';
import { num, pct, streamLink } from '../format.ts';
import type { StreamRef } from '../intent/extract-entities.ts';
import type { Family } from './family.ts';
import { summaryRows } from './summary.ts';

export const compareFamily: Family = {
  kind: 'compare',
  title: 'Comparing two streams',
  examples: ['Compare my last stream with the previous one', 'How did my last two streams differ?'],
  score: (q, e) =>
    (/\bcompar(e|ed|ing|ison)\b|\bvs\.?\b|\bversus\b|\bdifferen(ce|t)|\bdiffer\b|\b(better|worse) than\b/.test(q)
      ? 3
      : 0) + (e.streams.length >= 2 ? 1 : 0),
  async compose(ctx) {
    const refs = ctx.entities.streams;
    const [first, second]: StreamRef[] =
      refs.length >= 2
        ? [refs[0]!, refs[1]!]
        : refs.length === 1 && refs[0]!.kind !== 'last'
          ? [{ kind: 'last' }, refs[0]!]
          : [{ kind: 'previous' }, { kind: 'last' }];
    const x = await ctx.pickStream(first);
    const y = await ctx.pickStream(second);
    // Older first, so the arrows read "then → now".
    const [a, b] = x.startedAt <= y.startedAt ? [x, y] : [y, x];
    const r = await ctx.tools.call<StreamComparison>('compare_streams', { a: a.id, b: b.id });
    const keys = new Set(summaryRows.map(([k]) => k));
    const lines = r.figures
      .filter((f) => keys.has(f.key))
      .map((f) => `- ${summaryRows.find(([k]) => k === f.key)![1]}: ${num(f.a)} → ${num(f.b)}${pct(f.deltaPct)}`);
    return `${streamLink(r.b)} compared with ${streamLink(r.a)}:\n\n${lines.join('\n')}`;
  },
};
