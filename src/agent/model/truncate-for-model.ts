// Keeps tool results within a size budget before they go back to the model: long lists are cut to their
// first items (saying how many were left out) and long strings are shortened, until the JSON fits.

const listCaps = [50, 20, 10, 5, 2];

/** The JSON text of `value`, shrunk to at most about `maxChars` characters. */
export function truncateForModel(value: unknown, maxChars = 12_000): string {
  let text = JSON.stringify(value ?? null);
  if (text.length <= maxChars) return text;
  for (const cap of listCaps) {
    text = JSON.stringify(shrink(value, cap, 300));
    if (text.length <= maxChars) return text;
  }
  return `${text.slice(0, maxChars)}… [truncated: the result was too large; ask for a narrower range]`;
}

function shrink(value: unknown, cap: number, maxString: number): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}…` : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, cap).map((v) => shrink(v, cap, maxString));
    return value.length > cap ? [...kept, `… ${value.length - cap} more items left out`] : kept;
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v, cap, maxString)]));
  return value;
}
