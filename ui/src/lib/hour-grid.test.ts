import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHourGrid } from './hour-grid.ts';

test('the grid starts on Monday, has 24 hours a row and scales to the best cell', () => {
  const grid = toHourGrid([
    { day: 1, hour: 20, streams: 2, avgViewers: 50 },
    { day: 6, hour: 18, streams: 3, avgViewers: 100 },
  ]);
  assert.equal(grid.length, 7);
  assert.ok(grid.every((row) => row.length === 24));
  assert.equal(grid[0]![20]!.intensity, 0.5);
  assert.equal(grid[5]![18]!.intensity, 1);
  assert.equal(grid[6]![0]!.intensity, 0);
});
