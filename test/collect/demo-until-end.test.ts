// `streamlens demo --until-end --json` as a user runs it: the summary must say everything matched, and its
// counts must be what the database really holds.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { DemoSummary } from '../../src/cli/commands/demo-summary.ts';
import type { LedgerSummary } from '../../src/sim/index.ts';
import { makeBusyChannel, scenarioStart } from '../support/start-collected-run.ts';

const bin = fileURLToPath(new URL('../../bin/streamlens', import.meta.url));

test('demo --until-end --json reports a match whose counts are the database’s', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-demo-'));
  try {
    // Streams start 30 simulated minutes in (3 s at 600×), after the demo has written its history and connected.
    const scenarioFile = join(dir, 'short.json');
    await writeFile(
      scenarioFile,
      JSON.stringify({
        seed: 31,
        start: new Date(scenarioStart).toISOString(),
        channels: [
          makeBusyChannel('alpha', '1001', { at: '30m', duration: '20m' }),
          makeBusyChannel('bravo', '1002', { at: '32m', duration: '18m', raidOutTo: 'alpha' }),
        ],
        faults: [{ at: '40m', type: 'eventsub-reconnect' }],
      }),
    );
    const db = join(dir, 'demo.db');
    const args = [
      ...['demo', '--until-end', '--speed', '600', '--json', '--no-web', '--no-transcribe', '--history', '2'],
      ...['--db', db, '--scenario', scenarioFile],
    ];
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, STREAMLENS_DATA_DIR: dir },
      timeout: 60_000,
    });
    const summary = JSON.parse(stdout) as Omit<DemoSummary, 'text'> & { ledger: LedgerSummary };
    assert.equal(summary.matches, true, stdout);
    assert.equal(summary.ledger.eventsubDuplicates, 0);
    assert.equal(summary.ledger.streamsEnded, 2);

    const sqlite = new Database(db, { readonly: true });
    try {
      const count = (sql: string, ...params: unknown[]) =>
        Number(
          sqlite
            .prepare(sql)
            .pluck()
            .get(...params),
        );
      for (const channel of summary.channels) {
        const id = channel.login === 'alpha' ? '1001' : '1002';
        assert.ok(channel.chatMessages.sent > 100, 'enough chat to mean something');
        assert.equal(
          channel.chatMessages.stored,
          count('SELECT COUNT(*) FROM chat_messages WHERE channel_id = ? AND ts >= ?', id, scenarioStart),
        );
        assert.equal(channel.chatMessages.lost, 0);
        assert.equal(channel.chatMessages.stored, channel.chatMessages.sent - channel.chatMessages.undeliverable);
        assert.equal(channel.chatMessages.sent, summary.ledger.byChannel[channel.login]?.chatMessages);
        for (const [type, c] of Object.entries(channel.chatEvents)) {
          const stored = count(
            'SELECT COUNT(*) FROM chat_events WHERE channel_id = ? AND type = ? AND ts >= ?',
            id,
            type,
            scenarioStart,
          );
          assert.deepEqual(
            c,
            { sent: stored + c.undeliverable, stored, undeliverable: c.undeliverable },
            `${channel.login} ${type}`,
          );
        }
        for (const [type, c] of Object.entries(channel.eventsub)) {
          const stored = count(
            'SELECT COUNT(*) FROM channel_events WHERE channel_id = ? AND type = ? AND ts >= ?',
            id,
            type,
            scenarioStart,
          );
          assert.deepEqual(c, { delivered: stored, stored, missed: c.missed }, `${channel.login} ${type}`);
        }
        for (const s of channel.streams) {
          const row = sqlite.prepare('SELECT started_at, ended_at FROM streams WHERE id = ?').get(s.id) as {
            started_at: number;
            ended_at: number;
          };
          assert.deepEqual([s.storedStartedAt, s.storedEndedAt], [row.started_at, row.ended_at]);
          // One poll is one simulated minute at this speed; allow another for the run's own latency.
          assert.ok(
            s.endedAt !== null && Math.abs(row.ended_at - s.endedAt) <= 120_000,
            `ended ${s.endedAt === null ? '?' : (row.ended_at - s.endedAt) / 1000} s off`,
          );
        }
      }
    } finally {
      sqlite.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
