// Reads the parts of a large JSON document one at a time, as its bytes arrive: the root is scanned byte by byte
// (JSON's structure is ASCII, so UTF-8 needs no decoding to find it), the objects under the root keys asked for are
// parsed whole, each object inside the root arrays asked for is parsed on its own as soon as it ends, and everything
// else is skipped unparsed. Memory stays one object deep, whatever the file's size.

const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;

export interface JsonRootParts {
  /** Root keys whose object values are wanted whole. */
  objects: readonly string[];
  /** Root keys whose array values' objects are wanted one by one. */
  arrays: readonly string[];
}

/** Yields, in document order, each wanted root object and each object of a wanted root array, with its root key. */
export async function* scanJsonRoot(
  bytes: AsyncIterable<Buffer>,
  wanted: JsonRootParts,
): AsyncGenerator<{ key: string; value: Record<string, unknown> }> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectKey = false;
  let keyParts: Buffer[] | null = null;
  let keyStart = -1;
  let rootKey = '';
  /** What is being captured: a root object or an element of a root array. */
  let capture: { key: string; depth: number; parts: Buffer[]; start: number } | null = null;

  for await (const chunk of bytes) {
    if (capture) capture.start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.subarray(keyStart, i));
            rootKey = Buffer.concat(keyParts).toString('utf8');
            keyParts = null;
          }
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && expectKey) {
          keyParts = [];
          keyStart = i + 1;
        }
      } else if (c === COLON) {
        if (depth === 1) expectKey = false;
      } else if (c === COMMA) {
        if (depth === 1) expectKey = true;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (depth === 1) expectKey = true;
        else if (capture === null && depth === 2 && c === OPEN_OBJECT && wanted.objects.includes(rootKey))
          capture = { key: rootKey, depth: 2, parts: [], start: i };
        else if (capture === null && depth === 3 && c === OPEN_OBJECT && wanted.arrays.includes(rootKey))
          capture = { key: rootKey, depth: 3, parts: [], start: i };
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (capture !== null && depth === capture.depth) {
          capture.parts.push(chunk.subarray(capture.start, i + 1));
          const value = JSON.parse(Buffer.concat(capture.parts).toString('utf8')) as Record<string, unknown>;
          const key = capture.key;
          capture = null;
          yield { key, value };
        }
        depth--;
      }
    }
    if (capture) capture.parts.push(chunk.subarray(capture.start));
    if (keyParts) {
      keyParts.push(chunk.subarray(keyStart));
      keyStart = 0;
    }
  }
  if (depth !== 0 || inString) throw new SyntaxError('the JSON ends before its last value closes');
}
