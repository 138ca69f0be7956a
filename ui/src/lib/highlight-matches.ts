// Splits a chat line into plain and matching pieces for the words searched, so the page marks them with
// elements holding text (never HTML). Matching follows the search: case- and accent-insensitive word starts.

export interface TextPiece {
  text: string;
  match: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a search query, as the search reads them (quotes and operators dropped). */
export function searchWords(query: string): string[] {
  return [...new Set(fold(query).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** `text` cut into pieces, each word that starts with a searched word marked. */
export function highlightMatches(text: string, query: string): TextPiece[] {
  const words = searchWords(query);
  if (words.length === 0) return [{ text, match: false }];
  const pieces: TextPiece[] = [];
  let plain = '';
  for (const token of text.match(/[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+/gu) ?? []) {
    const folded = fold(token);
    if (/[\p{L}\p{N}]/u.test(token) && words.some((w) => folded.startsWith(w))) {
      if (plain) pieces.push({ text: plain, match: false });
      plain = '';
      pieces.push({ text: token, match: true });
    } else plain += token;
  }
  if (plain) pieces.push({ text: plain, match: false });
  return pieces;
}
