// Scores an answer against its expected facts: numbers within a tolerance, moments within a minute (from
// the citations or `h:mm:ss` text), words present.

import type { Citation } from '../types.ts';
import type { Expected } from './questions.ts';

export interface Score {
  correct: boolean;
  missing: string[];
}

/** Whether `answer` holds every expected number, moment and word; `missing` names what it lacks. */
export function scoreAnswer(answer: string, citations: readonly Citation[], expected: Expected): Score {
  const missing: string[] = [];
  const numbers = [...answer.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const tolerance = expected.tolerance ?? 0.02;
  for (const want of expected.numbers ?? [])
    if (!numbers.some((n) => Math.abs(n - want) <= Math.max(0.5, Math.abs(want) * tolerance)))
      missing.push(`number ${want}`);
  for (const want of expected.moments ?? []) {
    const cited = citations.some(
      (c) => c.streamId === want.streamId && c.offsetMs !== null && Math.abs(c.offsetMs - want.offsetMs) <= 60_000,
    );
    if (!cited) missing.push(`moment ${want.streamId}@${Math.round(want.offsetMs / 60_000)}min`);
  }
  const lower = answer.toLowerCase();
  for (const word of expected.words ?? []) if (!lower.includes(word.toLowerCase())) missing.push(`"${word}"`);
  for (const word of expected.absent ?? []) if (lower.includes(word.toLowerCase())) missing.push(`no "${word}"`);
  return { correct: missing.length === 0, missing };
}
