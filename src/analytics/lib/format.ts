// Formatting shared by results and reports: offsets as h:mm:ss and VOD links with Twitch's `t=` parameter.

/** `3723000` → `1:02:03`; under an hour → `2:03`. */
export function formatOffset(offsetMs: number): string {
  const total = Math.max(0, Math.floor(offsetMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** `https://www.twitch.tv/videos/ID?t=1h2m3s`; null when the VOD is unknown. */
export function toVodUrl(vodId: string | null, offsetMs: number): string | null {
  if (!vodId) return null;
  const total = Math.max(0, Math.floor(offsetMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `https://www.twitch.tv/videos/${encodeURIComponent(vodId)}?t=${h}h${m}m${s}s`;
}
