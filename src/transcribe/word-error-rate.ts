// Word error rate for benchmarks and end-to-end tests: Levenshtein distance over lowercased words,
// punctuation and recogniser markup stripped, divided by the reference length.

/** Lowercased words without punctuation, fillers (`<sil>`, `[NOISE]`) or alternate-pronunciation marks. */
export function toWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<[^>]+>|\[[^\]]+\]|\(\d+\)/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** (substitutions + insertions + deletions) / reference words; 0 for two empty texts. */
export function toWordErrorRate(reference: string, hypothesis: string): number {
  const r = toWords(reference);
  const h = toWords(hypothesis);
  if (r.length === 0) return h.length === 0 ? 0 : 1;
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const cur = [i];
    for (let j = 1; j <= h.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (r[i - 1] === h[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return (prev[h.length] as number) / r.length;
}
