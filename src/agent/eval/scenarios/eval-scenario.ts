// The shape of an eval scenario: records that plant known answers, the facts planted, the analyst's clock and
// the channels configured (the first is the main one).

import type { WriteBatch } from '../../../store/store.ts';

export interface EvalScenario {
  name: string;
  build(): WriteBatch[];
  facts: Record<string, unknown>;
  /** The analyst's "now" (so "last month" and "yesterday" are fixed). */
  now: number;
  configChannels: string[];
}
