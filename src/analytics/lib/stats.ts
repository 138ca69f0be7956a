// Small statistics helpers shared by the questions: central values, percentile ranks and Poisson tails.

/** Arithmetic mean; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Median; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Share of `others` below `value`, 0–100, ties counted half; null when there are no others. */
export function percentileRank(value: number, others: readonly number[]): number | null {
  if (others.length === 0) return null;
  let below = 0;
  for (const o of others) below += o < value ? 1 : o === value ? 0.5 : 0;
  return (below / others.length) * 100;
}

/**
 * How far a figure from `streams` streams can be trusted, 0–1: 1 from five streams on. The one rule for best
 * time's slots and best category.
 */
export function sampleConfidence(streams: number): number {
  return round(Math.min(1, streams / 5), 2);
}

/** Rounds to `digits` decimals (figures are shown, not computed on further). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function roundOrNull(value: number | null, digits = 1): number | null {
  return value === null || !Number.isFinite(value) ? null : round(value, digits);
}

function logFactorial(n: number): number {
  // Exact sum for small n, Stirling beyond (error < 1e-8 there).
  if (n < 50) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/**
 * −log10 P(X ≥ k) for X ~ Poisson(lambda): how surprising `k` events are when `lambda` were expected.
 * 0 when k ≤ lambda (nothing surprising); 2 means a 1-in-100 chance.
 */
export function poissonSurprise(k: number, lambda: number): number {
  if (k <= lambda || k <= 0) return 0;
  const lam = Math.max(lambda, 1e-6);
  const logLam = Math.log(lam);
  // Sum the upper tail term by term from k; terms shrink geometrically once i > lambda.
  let logTerm = -lam + k * logLam - logFactorial(k);
  let sum = 0;
  const first = logTerm;
  for (let i = k; i < k + 10_000; i++) {
    const rel = Math.exp(logTerm - first);
    sum += rel;
    if (rel < 1e-12) break;
    logTerm += logLam - Math.log(i + 1);
  }
  const logTail = first + Math.log(sum);
  return Math.max(0, -logTail / Math.LN10);
}
