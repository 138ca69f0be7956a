// Shapes hour-of-week cells into the 7 × 24 heatmap: one row per weekday starting Monday, each cell with a
// 0..1 intensity relative to the best cell.

export interface HourCellInput {
  day: number;
  hour: number;
  streams: number;
  avgViewers: number | null;
}

export interface GridCell {
  day: number;
  hour: number;
  streams: number;
  avgViewers: number | null;
  /** 0 for no data, else (0, 1]. */
  intensity: number;
}

export const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const mondayFirst = [1, 2, 3, 4, 5, 6, 0];

/** Rows Monday…Sunday of 24 cells each. */
export function toHourGrid(cells: readonly HourCellInput[]): GridCell[][] {
  const byKey = new Map(cells.map((c) => [`${c.day}:${c.hour}`, c]));
  const max = Math.max(0, ...cells.map((c) => c.avgViewers ?? 0));
  return mondayFirst.map((day) =>
    Array.from({ length: 24 }, (_, hour) => {
      const c = byKey.get(`${day}:${hour}`);
      const avg = c?.avgViewers ?? null;
      return {
        day,
        hour,
        streams: c?.streams ?? 0,
        avgViewers: avg,
        intensity: avg !== null && max > 0 ? Math.max(0.08, avg / max) : 0,
      };
    }),
  );
}
