import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJoinScheduler } from './join-scheduler.ts';

describe('createJoinScheduler', () => {
  it('sends no more joins than the limit per window, then the rest when the window frees', async () => {
    const lines: string[] = [];
    let third: () => void = () => {};
    const done = new Promise<void>((r) => {
      third = r;
    });
    const joins = createJoinScheduler({
      send: (line) => {
        lines.push(line);
        if (lines.length === 2) third();
      },
      limit: 2,
      windowMs: 20,
    });
    joins.enqueue(['a', 'b', 'c']);
    assert.deepEqual(lines, ['JOIN #a,#b']);
    await done;
    assert.deepEqual(lines, ['JOIN #a,#b', 'JOIN #c']);
    joins.stop();
  });

  it('keeps each JOIN line within 500 characters and joins everyone once', () => {
    const lines: string[] = [];
    const logins = Array.from({ length: 100 }, (_, i) => `channel_login_${String(i).padStart(3, '0')}`);
    const joins = createJoinScheduler({ send: (line) => lines.push(line), limit: 1000 });
    joins.enqueue(logins);
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(line.length <= 500, `${line.length}`);
    const joined = lines.flatMap((l) =>
      l
        .slice(5)
        .split(',')
        .map((c) => c.slice(1)),
    );
    assert.deepEqual(joined, logins);
    joins.stop();
  });
});
