// The key that links a contentless full-text row to its chat message: the message time in the high bits and
// 20 bits of its id (the first five hex digits of Twitch's UUID) in the low ones, so a search hit leads back
// through the primary key (channel_id, ts, id) without a rowid. Plain SQL, so bulk indexing stays in SQLite.

// A digit's value is its position in this string, less one, modulo 16: either case matches without lower(),
// which made the key cost half as much again (it is computed for every message indexed). Anything else is not
// found (0) and counts as 15.
const hexDigit = (idExpr: string, position: number) =>
  `((instr('0123456789abcdef0123456789ABCDEF', substr(${idExpr}, ${position}, 1)) + 15) % 16)`;

/** SQL computing the full-text key of a message from SQL expressions for its ts and id. */
export function ftsKeySql(tsExpr: string, idExpr: string): string {
  const low = [1, 2, 3, 4, 5].map((p, i) => `(${hexDigit(idExpr, p)} << ${16 - i * 4})`).join(' | ');
  return `((${tsExpr} << 20) | ${low})`;
}
