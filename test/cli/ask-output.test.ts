// `streamlens ask` through the real CLI over a database of simulated history: the answer reads as terminal
// text (no raw Markdown: no `**`, links as "title (url)") and the sources start on lines of their own.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { defaultScenarioPath, generateHistory, loadScenario } from '../../src/sim/index.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

describe('streamlens ask prints terminal text', () => {
  let testStore: TestStore;
  let db: string;
  before(async () => {
    testStore = await openTestStore('sqlite');
    for (const batch of generateHistory(loadScenario(defaultScenarioPath()), {
      streams: 4,
      endBefore: Date.now() - 86_400_000,
    }))
      await testStore.store.write(batch);
    await testStore.store.catchUp();
    db = (testStore.configFlags as { db: string }).db;
  });
  after(() => testStore.close());

  for (const question of ['who are my top chatters?', 'summarize my latest stream']) {
    it(`"${question}": no raw Markdown, sources on their own lines`, () => {
      const r = spawnSync(process.execPath, [bin, 'ask', question, '--db', db], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', STREAMLENS_AI_BASE_URL: '' },
        timeout: 60_000,
        killSignal: 'SIGKILL',
      });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.trim().length > 0, 'an answer');
      assert.doesNotMatch(r.stdout, /\*\*/, 'no raw bold markers');
      assert.doesNotMatch(r.stdout, /\]\(/, 'no raw Markdown links');
      assert.ok(r.stdout.endsWith('\n'), 'the answer ends its line');
      const sources = r.stdout.split('\n').findIndex((l) => l === 'Sources:');
      if (sources >= 0) assert.equal(r.stdout.split('\n')[sources - 1], '', 'a blank line before the sources');
      assert.match(r.stderr, /^conversation \S+ \(continue with --conversation\)$/m);
    });
  }

  it('ends quietly (exit 0, no stack) when its reader stops early, as `… | head` does', async () => {
    const child = spawn(process.execPath, [bin, 'ask', 'summarize my latest stream', '--db', db], {
      env: { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', STREAMLENS_AI_BASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Close the pipe before the answer comes: its writes meet EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  });
});
