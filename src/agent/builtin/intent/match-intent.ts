// The intent matcher: every family scores the question (weighted patterns over its words and the entities it
// names); the highest score of at least 2 wins, ties going to the family listed first. Below that, nothing
// matches and the families that scored at all are the nearest ones to offer.

import type { Family } from '../families/family.ts';
import type { Entities } from './extract-entities.ts';

export const matchThreshold = 2;

export interface IntentMatch {
  family: Family | null;
  /** Families that scored above 0, best first (the nearest questions when nothing matches). */
  ranked: Family[];
}

/** The family `q` (normalized) belongs to, or null. */
export function matchIntent(q: string, entities: Entities, families: readonly Family[]): IntentMatch {
  const scored = families
    .map((family, order) => ({ family, order, score: family.score(q, entities) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const best = scored[0];
  return {
    family: best && best.score >= matchThreshold ? best.family : null,
    ranked: scored.map((s) => s.family),
  };
}
