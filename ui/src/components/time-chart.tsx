// uPlot time series: viewers and chat rate on their own axes, vertical event markers, drag to zoom,
// click to pick a moment, and a highlighted moment (from `?t=`).
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatOffset } from '../lib/format.ts';

export interface ChartMarker {
  offsetMs: number;
  label: string;
  kind: string;
}

export interface TimeChartProps {
  data: [number[], ...(number | null)[][]];
  series: { label: string; color: string; scale?: string }[];
  markers?: ChartMarker[];
  /** Highlighted moment in ms from the start. */
  focusMs?: number | null;
  /** Initial x range in seconds. */
  range?: { min: number; max: number } | null;
  onPick?: (offsetMs: number) => void;
  height?: number;
  /** Accessible summary of what the chart shows. */
  label: string;
  /** Labels for x values (default: offset `1:02:03` from seconds). */
  xFormat?: (x: number) => string;
  /** Tick steps along x, in x units (default with the offset labels: whole minutes, `offsetSteps`). */
  xSteps?: number[];
}

/** Tick steps for x in seconds of a stream: whole minutes a person reads (never 8:20 or two ticks both "14:05"). */
export const offsetSteps = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200];

const markerColors: Record<string, string> = {
  'ad-break': '#f59e0b',
  raid: '#22c55e',
  'raid-in': '#22c55e',
  'category-change': '#38bdf8',
  'title-change': '#38bdf8',
};

export function TimeChart(props: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const axisColor = css.getPropertyValue('--muted').trim() || '#999';
    const gridColor = css.getPropertyValue('--grid').trim() || '#333';
    const drawMarkers = (u: uPlot) => {
      const { markers, focusMs } = latest.current;
      const ctx = u.ctx;
      ctx.save();
      for (const m of markers ?? []) {
        const x = u.valToPos(m.offsetMs / 1000, 'x', true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
        ctx.fillStyle = markerColors[m.kind] ?? '#a78bfa';
        ctx.globalAlpha = 0.85;
        ctx.fillRect(x - 1, u.bbox.top, 2 * devicePixelRatio, 8 * devicePixelRatio);
        ctx.globalAlpha = 0.25;
        ctx.fillRect(x, u.bbox.top, 1, u.bbox.height);
      }
      if (focusMs !== null && focusMs !== undefined) {
        const x = u.valToPos(focusMs / 1000, 'x', true);
        ctx.globalAlpha = 1;
        ctx.strokeStyle = '#f472b6';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const fmtX = (v: number) => (props.xFormat ? props.xFormat(v) : formatOffset(v * 1000));
    const scales: uPlot.Scales = { x: { time: false } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: props.height ?? 260,
      scales,
      cursor: { drag: { x: true, y: false, setScale: true } },
      legend: { live: true },
      axes: [
        {
          stroke: axisColor,
          grid: { stroke: gridColor },
          values: (_u, vals) => vals.map((v) => fmtX(v)),
          incrs: props.xSteps ?? (props.xFormat ? undefined : offsetSteps),
        },
        ...props.series.map(
          (s, i) =>
            ({
              scale: s.scale ?? 'y',
              side: i === 0 ? 3 : 1,
              stroke: s.color,
              grid: { show: i === 0, stroke: gridColor },
            }) as uPlot.Axis,
        ),
      ],
      series: [
        {
          label: 'time',
          value: (_u, v) => (v === null ? '—' : fmtX(v)),
        },
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          scale: s.scale ?? 'y',
          spanGaps: false,
          fill: `${s.color}18`,
        })),
      ],
      hooks: { draw: [drawMarkers] },
    };
    const u = new uPlot(opts, props.data as uPlot.AlignedData, el);
    plot.current = u;
    if (props.range) u.setScale('x', props.range);
    const over = u.over;
    let downX = 0;
    const onDown = (e: MouseEvent) => {
      downX = e.clientX;
    };
    // A click (not a drag-zoom) picks the moment under the cursor.
    const onUp = (e: MouseEvent) => {
      if (Math.abs(e.clientX - downX) > 3) return;
      const left = u.cursor.left;
      if (left === undefined || left < 0) return;
      latest.current.onPick?.(Math.round(u.posToVal(left, 'x') * 1000));
    };
    over.addEventListener('mousedown', onDown);
    over.addEventListener('mouseup', onUp);
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: props.height ?? 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [props.series.length]);

  useEffect(() => {
    plot.current?.setData(props.data as uPlot.AlignedData, !props.range);
    if (props.range) plot.current?.setScale('x', props.range);
  }, [props.data, props.range]);
  useEffect(() => {
    plot.current?.redraw(false);
  }, [props.markers, props.focusMs]);

  return (
    <figure class="chart" aria-label={props.label}>
      <div ref={host} />
      <figcaption class="sr-only">{props.label}</figcaption>
    </figure>
  );
}
