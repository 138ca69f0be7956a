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

/** A round step for about `count` ticks up to `max` (1, 2, 5 × 10^n). */
export function niceStep(max: number, count = 4): number {
  const raw = Math.max(max, 1) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / pow;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * pow;
}

const markerColors: Record<string, string> = {
  'raid-in': '#0a7d32',
  'raid-out': '#0a7d32',
  'ad-break': '#c77700',
  'hype-train': '#c2185b',
  'category-change': '#0277bd',
  'title-change': '#0277bd',
};

/**
 * A chart's proportions: `wide` for a desk (shown 900 px wide, so 1 unit ≈ 1.2 px), `narrow` for a phone (its
 * view box as wide as a 390 px screen's text column, so 1 unit ≈ 1 px and 12-unit labels read at ~12 px).
 */
export type ChartLayout = 'wide' | 'narrow';

const lineLayouts = {
  wide: { w: 640, h: 200, left: 48, right: 56, font: 11 },
  narrow: { w: 272, h: 170, left: 40, right: 44, font: 12 },
} as const;

/**
 * Viewers and chat messages per minute on one time axis, each with its own labelled y-axis (viewers left,
 * messages per minute right), hour ticks and numbered event markers. The legend is the page's (chartLegendHtml):
 * HTML text wraps and keeps its size on any screen.
 */
export function lineChartSvg(
  series: readonly { offsetMs: number; viewers: number | null; messages: number }[],
  events: readonly { offsetMs: number; kind: string; label: string }[] = [],
  layout: ChartLayout = 'wide',
): string {
  const { w, h, left, right, font } = lineLayouts[layout];
  const top = 18;
  const stepV = niceStep(Math.max(1, ...series.map((s) => s.viewers ?? 0)));
  const stepM = niceStep(Math.max(1, ...series.map((s) => s.messages)));
  const maxV = stepV * Math.ceil(Math.max(1, ...series.map((s) => s.viewers ?? 0)) / stepV);
  const maxM = stepM * Math.ceil(Math.max(1, ...series.map((s) => s.messages)) / stepM);
  const lastMs = series.at(-1)?.offsetMs ?? 0;
  const xOf = (ms: number) => left + (lastMs > 0 ? (ms / lastMs) * w : 0);
  const out: string[] = [];
  for (let v = 0; v <= maxV; v += stepV) {
    const y = top + h - (v / maxV) * h;
    out.push(
      `<line x1="${left}" y1="${y.toFixed(1)}" x2="${left + w}" y2="${y.toFixed(1)}" class="grid"/>`,
      `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="viewers-label">${v}</text>`,
    );
  }
  for (let m = 0; m <= maxM; m += stepM) {
    const y = top + h - (m / maxM) * h;
    out.push(`<text x="${left + w + 6}" y="${(y + 4).toFixed(1)}" class="chat-label">${m}</text>`);
  }
  const hourMs = 3_600_000;
  // About one tick per 80 units of plot: 15 min, 30 min, 1 h or 2 h apart.
  const tickMs =
    [15 * 60_000, 30 * 60_000, hourMs, 2 * hourMs, 4 * hourMs].find((t) => lastMs / t <= w / 80) ?? 8 * hourMs;
  for (let t = 0; t <= lastMs; t += tickMs) {
    const x = xOf(t);
    const label =
      t % hourMs === 0
        ? `${t / hourMs}h`
        : `${Math.floor(t / hourMs)}h${String((t % hourMs) / 60_000).padStart(2, '0')}`;
    out.push(
      `<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${top + h}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${top + h + font + 4}" text-anchor="middle">${label}</text>`,
    );
  }
  const line = (values: (number | null)[], max: number) => {
    const points: string[] = [];
    series.forEach((s, i) => {
      const v = values[i];
      if (v !== null && v !== undefined)
        points.push(`${xOf(s.offsetMs).toFixed(1)},${(top + h - (v / max) * h).toFixed(1)}`);
    });
    return points.join(' ');
  };
  out.push(
    `<polyline class="viewers" fill="none" points="${line(
      series.map((s) => s.viewers),
      maxV,
    )}"/>`,
    `<polyline class="chat" fill="none" points="${line(
      series.map((s) => s.messages),
      maxM,
    )}"/>`,
  );
  events.forEach((e, i) => {
    const x = xOf(e.offsetMs);
    const color = markerColors[e.kind] ?? '#555';
    out.push(
      `<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${top + h}" stroke="${color}" stroke-dasharray="3 3"/>`,
      `<circle cx="${x.toFixed(1)}" cy="${top - 8}" r="8" fill="${color}"/>`,
      `<text x="${x.toFixed(1)}" y="${top - 4}" text-anchor="middle" fill="#fff" font-size="${font - 1}">${i + 1}</text>`,
    );
  });
  return `<svg viewBox="0 -2 ${left + w + right} ${top + h + font + 10}" font-size="${font}" role="img" aria-label="Viewers and chat messages per minute over the stream${events.length ? `, ${events.length} events marked` : ''}">
${out.join('\n')}
</svg>`;
}

/** The line chart's legend as HTML (it wraps on a phone, unlike SVG text), its keys in the series' colours. */
export function chartLegendHtml(): string {
  return '<p class="legend"><span><i class="key viewers-fill"></i>viewers (left axis)</span> <span><i class="key chat-fill"></i>chat messages per minute (right axis)</span></p>';
}

/**
 * Horizontal bars, one per row, scaled to the largest value. `wide`: label, bar and `note` on one row; `narrow`:
 * the label, then the bar with its `value`, then the `detail` (a phone's width holds no more on one line).
 */
export function barChartSvg(
  rows: readonly { label: string; value: number; note: string; valueLabel: string; detail: string }[],
  layout: ChartLayout = 'wide',
): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const bar = 20;
  if (layout === 'wide') {
    const body = rows
      .map((r, i) => {
        const y = i * (bar + 8);
        // Bars leave room for their note within the 760-wide view box.
        const width = (r.value / max) * 330;
        return `<text x="0" y="${y + 15}">${escapeHtml(r.label)}</text><rect x="170" y="${y}" width="${width.toFixed(1)}" height="${bar}" class="bar"/><text x="${(176 + width).toFixed(1)}" y="${y + 15}">${escapeHtml(r.note)}</text>`;
      })
      .join('\n');
    return `<svg viewBox="0 0 760 ${Math.max(1, rows.length) * (bar + 8)}" font-size="11" role="img" aria-label="per-category comparison">\n${body}\n</svg>`;
  }
  const row = 66;
  const body = rows
    .map((r, i) => {
      const y = i * row;
      const width = (r.value / max) * 220;
      return `<text x="0" y="${y + 12}">${escapeHtml(r.label)}</text><rect x="0" y="${y + 17}" width="${width.toFixed(1)}" height="${bar}" class="bar"/><text x="${(width + 6).toFixed(1)}" y="${y + 32}">${escapeHtml(r.valueLabel)}</text><text x="0" y="${y + 54}" class="muted-text">${escapeHtml(r.detail)}</text>`;
    })
    .join('\n');
  return `<svg viewBox="0 0 360 ${Math.max(1, rows.length) * row}" font-size="12" role="img" aria-label="per-category comparison">\n${body}\n</svg>`;
}
