// What the built-in analyst says when it cannot answer: plainly why, then the nearest questions it can
// answer — never some other answer in place of the one asked.

import type { FamilyKind } from './answer-context.ts';
import type { Family } from './families/family.ts';

const modelHint =
  'For questions outside these, connect an OpenAI-compatible model: set STREAMLENS_AI_BASE_URL, STREAMLENS_AI_MODEL and (for hosted providers) STREAMLENS_AI_API_KEY. For a local Ollama: STREAMLENS_AI_BASE_URL=http://127.0.0.1:11434/v1 STREAMLENS_AI_MODEL=llama3.1';

/** "I can't answer that: <why>." with up to four nearest families' example questions. */
export function toCannotAnswer(
  reason: string,
  nearest: readonly (Family | FamilyKind)[],
  all: readonly Family[],
): string {
  const picked: Family[] = [];
  for (const f of nearest) {
    const family = typeof f === 'string' ? all.find((x) => x.kind === f) : f;
    if (family && !picked.includes(family)) picked.push(family);
  }
  for (const f of all)
    if (picked.length < 4 && !picked.includes(f) && ['summary', 'highlights', 'best-time'].includes(f.kind))
      picked.push(f);
  const lines = picked.slice(0, 4).map((f) => `- ${f.title}: ${f.examples.map((e) => `"${e}"`).join(', ')}`);
  return `I can't answer that: ${reason}.\n\nThe nearest questions I can answer:\n${lines.join('\n')}`;
}

/** Everything the built-in analyst answers, for a question it does not recognise. */
export function toHelpText(reason: string, all: readonly Family[]): string {
  const lines = all.map((f) => `- ${f.title}: ${f.examples.map((e) => `"${e}"`).join(', ')}`);
  return `I can't answer that: ${reason}. I am the built-in analyst and answer these kinds of questions from your recorded data, without an AI model:\n${lines.join('\n')}\n\n${modelHint}`;
}
