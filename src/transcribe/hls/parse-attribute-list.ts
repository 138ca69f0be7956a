// HLS attribute lists (`KEY=value,KEY="quoted, value"`) as used by EXT-X-STREAM-INF, EXT-X-MEDIA, EXT-X-MAP,
// EXT-X-DATERANGE and Twitch's EXT-X-TWITCH-INFO / EXT-X-SESSION-DATA tags.

/** Parses an HLS attribute list into a record; quoted values lose their quotes, commas inside quotes are kept. */
export function parseAttributeList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const key = m[1] as string;
    const raw = m[2] as string;
    out[key] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return out;
}

/** Parses an EXT-X-PROGRAM-DATE-TIME value (`…Z`, `…+00:00` or ffmpeg's `…+0000`) to epoch ms, or undefined. */
export function parseProgramDateTime(value: string): number | undefined {
  // Normalise `+hhmm` to `+hh:mm`: V8 accepts both, stricter ISO-8601 parsers do not (notes G9).
  const ms = Date.parse(value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}
