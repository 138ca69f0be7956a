// `streamlens demo --discord` as a user runs it: a loopback receiver speaking Discord's webhook API gets each
// stream's post-stream summary (figures, a link to the full report), the live alert of the raid that arrived
// during the scenario, each once, and questions that waited in chat.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeBusyChannel, scenarioStart } from '../support/start-collected-run.ts';

const bin = fileURLToPath(new URL('../../bin/streamlens', import.meta.url));

interface DiscordSummary {
  title: string;
  description: string | null;
  url: string | null;
  fields: { name: string; value: string }[];
}

test('demo --discord: the loopback Discord receiver gets each post-stream summary and the raid alert', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-demo-discord-'));
  try {
    const scenarioFile = join(dir, 'short.json');
    const alpha = makeBusyChannel('alpha', '1001', { at: '30m', duration: '20m' });
    alpha.streams?.[0]?.events?.push({ at: '5m', type: 'raid-in', channel: 'bravo', amount: 40 });
    await writeFile(
      scenarioFile,
      JSON.stringify({
        seed: 32,
        start: new Date(scenarioStart).toISOString(),
        channels: [alpha, makeBusyChannel('bravo', '1002', { at: '32m', duration: '15m' })],
      }),
    );
    const args = [
      // Half demo-until-end's speed: under a loaded machine the poller must still see each stream end in time.
      ...['demo', '--until-end', '--speed', '300', '--json', '--no-web', '--no-transcribe', '--history', '2'],
      ...['--discord', '--db', join(dir, 'demo.db'), '--scenario', scenarioFile],
    ];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, STREAMLENS_DATA_DIR: dir },
      timeout: 90_000,
    });
    const summary = JSON.parse(stdout) as { matches: boolean; discord: DiscordSummary[] };
    assert.equal(summary.matches, true, stderr);
    const reports = summary.discord.filter((m) => /: stream report — /.test(m.title));
    assert.deepEqual(
      reports.map((m) => m.title.split(':')[0]).sort(),
      ['alpha', 'bravo'],
      JSON.stringify(summary.discord),
    );
    for (const report of reports) {
      assert.match(report.description ?? '', /average viewers \(peak \d+\).*chat messages from \d+ chatters/);
      assert.match(report.url ?? '', /^http:\/\/127\.0\.0\.1:7420\/streams\/.+/);
      const full = report.fields.find((f) => f.name === 'Full report');
      assert.match(full?.value ?? '', /\[open\]\(http:\/\/127\.0\.0\.1:7420\/api\/streams\/.+\/report\?format=html\)/);
    }
    const raids = summary.discord.filter((m) => /^alpha: raid from bravo/.test(m.title));
    assert.equal(raids.length, 1, JSON.stringify(summary.discord.map((m) => m.title)));
    assert.ok(
      summary.discord.some((m) => /^alpha: \d+ chat questions? waiting for 5\+ minutes$/.test(m.title)),
      'the busy chat asked questions nobody answered',
    );
    assert.doesNotMatch(stderr, /webhooks\/\d+\/[\w-]{20,}/, 'the webhook token is not printed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
