// Shapes a stream timeline into uPlot's columnar data (x in seconds from the stream start) and picks the
// visible range for a `?t=` link.

export interface TimelineMinuteInput {
  offsetMs: number;
  viewers: number | null;
  messages: number;
}

/** [x seconds, viewers, messages per minute]; missing viewers stay null so uPlot leaves a gap. */
export function toTimelineSeries(minutes: readonly TimelineMinuteInput[]): [number[], (number | null)[], number[]] {
  const xs: number[] = [];
  const viewers: (number | null)[] = [];
  const messages: number[] = [];
  for (const m of minutes) {
    xs.push(m.offsetMs / 1000);
    viewers.push(m.viewers);
    messages.push(m.messages);
  }
  return [xs, viewers, messages];
}

/** The x range (seconds) to zoom to around `focusMs`: ±`spanMs`/2, clamped to the stream. */
export function focusRange(focusMs: number, totalMs: number, spanMs = 20 * 60_000): { min: number; max: number } {
  const half = spanMs / 2;
  const min = Math.max(0, Math.min(focusMs - half, totalMs - spanMs));
  const max = Math.min(Math.max(totalMs, spanMs), min + spanMs);
  return { min: min / 1000, max: max / 1000 };
}

/** The window of raw chat to load around a clicked moment: the minute it falls in, ± one minute. */
export function windowAround(offsetMs: number, radiusMs = 90_000): { from: number; to: number } {
  const from = Math.max(0, Math.floor(offsetMs - radiusMs));
  return { from, to: Math.floor(offsetMs + radiusMs) };
}
