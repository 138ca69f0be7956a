// Title keywords that go with better streams: average viewers of streams whose title has the word vs not.

import type { Store } from '../../store/store.ts';
import { stopWords, tokenize } from '../lib/lexicon.ts';
import { mean, round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { loadChannelHistory } from './load-channel-history.ts';

/** Title words used in ≥ 2 streams (and not in all) with the average viewers of streams with and without them. */
export async function getTitleKeywords(store: Store, channelId: string): Promise<TitleKeywords | NoData> {
  const history = (await loadChannelHistory(store, channelId)).filter((h) => h.figures.avgViewers.value !== null);
  if (history.length < 3)
    return { status: 'no-data', reason: `${history.length} streams with viewer data: at least 3 are needed` };
  const words = new Map<string, Set<string>>();
  for (const h of history)
    for (const w of new Set(tokenize(h.row.title)))
      if (w.length >= 3 && !stopWords.has(w)) words.set(w, (words.get(w) ?? new Set()).add(h.row.id));
  const keywords = [...words]
    .filter(([, ids]) => ids.size >= 2 && ids.size < history.length)
    .map(([keyword, ids]) => {
      const withAvg = mean(history.filter((h) => ids.has(h.row.id)).map((h) => h.figures.avgViewers.value!))!;
      const withoutAvg = mean(history.filter((h) => !ids.has(h.row.id)).map((h) => h.figures.avgViewers.value!))!;
      return {
        keyword,
        streams: ids.size,
        avgViewersWith: round(withAvg, 1),
        avgViewersWithout: round(withoutAvg, 1),
        lift: round(withAvg / Math.max(withoutAvg, 0.1), 2),
      };
    })
    .sort((a, b) => b.lift - a.lift);
  return {
    channelId,
    keywords,
    evidence: {
      source: 'streams+stream_snapshots',
      streamIds: history.map((h) => h.row.id),
      counts: { streams: history.length },
    },
  };
}

export interface TitleKeyword {
  keyword: string;
  streams: number;
  avgViewersWith: number;
  avgViewersWithout: number;
  /** avgViewersWith ÷ avgViewersWithout. */
  lift: number;
}

export interface TitleKeywords {
  channelId: string;
  keywords: TitleKeyword[];
  evidence: Evidence;
}
