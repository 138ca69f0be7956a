// Helix pagination: `first` (1–100, default 20) and an opaque `after` cursor, returning the page and the next
// cursor, or the 400 message Twitch sends for a bad value.

export type PageResult<T> = { ok: true; page: T[]; cursor: string | undefined } | { ok: false; message: string };

/** Slices `items` as Helix would for the query's `first` (1 to `max`, 100 for most endpoints) and `after`. */
export function paginate<T>(
  items: readonly T[],
  first: string | undefined,
  after: string | undefined,
  max = 100,
): PageResult<T> {
  const size = first === undefined ? 20 : Number(first);
  if (!Number.isInteger(size) || size < 1 || size > max)
    return {
      ok: false,
      message: `The parameter "first" was malformed: the value must be less than or equal to ${max}`,
    };
  let offset = 0;
  if (after) {
    const decoded = decodeCursor(after);
    if (decoded === undefined) return { ok: false, message: 'Invalid cursor.' };
    offset = decoded;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeCursor(offset + size) : undefined;
  return { ok: true, page, cursor: next };
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ b: null, a: { Offset: offset } })).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { a?: { Offset?: unknown } };
    const offset = value.a?.Offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
