// Inline SVG charts for the HTML report: a two-series line chart (viewers, chat per minute) and horizontal
// bars. Pure string builders; labels are escaped by the caller-supplied escape function.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An SVG polyline `points` attribute for values on [0, max] over width×height; null values break nothing (skipped). */
export function toPolyline(values: readonly (number | null)[], width: number, height: number, max: number): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const out: string[] = [];
  values.forEach((v, i) => {
    if (v !== null) out.push(`${(i * step).toFixed(1)},${(height - (v / Math.max(max, 1)) * height).toFixed(1)}`);
  });
  return out.join(' ');
}

/** Viewers and chat messages per minute on one time axis (each on its own scale). */
export function lineChartSvg(
  series: readonly { offsetMs: number; viewers: number | null; messages: number }[],
): string {
  const w = 720;
  const h = 200;
  const maxV = Math.max(1, ...series.map((s) => s.viewers ?? 0));
  const maxM = Math.max(1, ...series.map((s) => s.messages));
  const hours = series.length / 60;
  const ticks: string[] = [];
  for (let i = 0; i <= Math.floor(hours); i++) {
    const x = (i * 60 * w) / Math.max(1, series.length - 1);
    ticks.push(
      `<line x1="${x.toFixed(1)}" y1="0" x2="${x.toFixed(1)}" y2="${h}" class="grid"/><text x="${(x + 2).toFixed(1)}" y="${h + 14}">${i}h</text>`,
    );
  }
  return `<svg viewBox="0 -10 ${w + 60} ${h + 30}" role="img" aria-label="viewers and chat per minute">
${ticks.join('\n')}
<polyline class="viewers" fill="none" points="${toPolyline(
    series.map((s) => s.viewers),
    w,
    h,
    maxV,
  )}"/>
<polyline class="chat" fill="none" points="${toPolyline(
    series.map((s) => s.messages),
    w,
    h,
    maxM,
  )}"/>
<text x="${w + 4}" y="10" class="viewers-label">${maxV} viewers</text>
<text x="${w + 4}" y="26" class="chat-label">${maxM} msg/min</text>
</svg>`;
}

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChartSvg(rows: readonly { label: string; value: number; note: string }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const bar = 22;
  const body = rows
    .map((r, i) => {
      const y = i * (bar + 8);
      const width = (r.value / max) * 420;
      return `<text x="0" y="${y + 15}">${escapeHtml(r.label)}</text><rect x="170" y="${y}" width="${width.toFixed(1)}" height="${bar}" class="bar"/><text x="${(176 + width).toFixed(1)}" y="${y + 15}">${escapeHtml(r.note)}</text>`;
    })
    .join('\n');
  return `<svg viewBox="0 0 760 ${Math.max(1, rows.length) * (bar + 8)}" role="img" aria-label="per-category comparison">\n${body}\n</svg>`;
}
