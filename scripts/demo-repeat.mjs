#!/usr/bin/env node
// Runs `streamlens demo --until-end --json` several times, each a first run on a fresh demo database (history
// generated, then the scenario at full speed: where start-up races show), and prints each run's verdict and the
// count of runs whose stored records matched what the simulator sent.
//
//   node scripts/demo-repeat.mjs [--runs 10] [--speed 600] [--scenario file] [-- extra demo flags]
//   npm run check:demo
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    speed: { type: 'string', default: '600' },
    scenario: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
const bin = new URL('../bin/streamlens', import.meta.url).pathname;
// A run taking longer than this is a failure of its own (it would hang the check).
const runDeadlineMs = 10 * 60_000;

/** One demo run in a fresh directory; resolves with its parsed JSON summary or a failure reason. */
function runOnce(i) {
  const dir = mkdtempSync(join(tmpdir(), `streamlens-demo-${i}-`));
  const args = [bin, 'demo', '--until-end', '--json', '--no-web', '--speed', values.speed];
  if (values.scenario) args.push('--scenario', values.scenario);
  args.push(...positionals);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), runDeadlineMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ code, summary: JSON.parse(line), dir });
      } catch {
        resolve({ code, error: `exit ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}`, dir });
      }
    });
  });
}

/** What did not match in a summary, briefly. */
function describeMismatch(summary) {
  const out = [];
  for (const c of summary.channels) {
    const m = c.chatMessages;
    if (m.lost || m.unexpected) out.push(`#${c.login} chat ${m.lost} lost, ${m.unexpected} unexpected of ${m.sent}`);
    for (const [t, v] of Object.entries(c.chatEvents))
      if (v.sent - v.undeliverable !== v.stored) out.push(`#${c.login} ${t} ${v.stored}/${v.sent - v.undeliverable}`);
    for (const [t, v] of Object.entries(c.eventsub))
      if (v.delivered !== v.stored) out.push(`#${c.login} ${t} ${v.stored}/${v.delivered}`);
    if (c.viewers?.mismatched) out.push(`#${c.login} viewers ${c.viewers.mismatched} not as served`);
    for (const s of c.streams)
      if (s.storedStartedAt === null || (s.endedAt !== null && s.storedEndedAt === null))
        out.push(`#${c.login} stream ${s.id} ${s.storedStartedAt === null ? 'not stored' : 'no end stored'}`);
  }
  return out.join('; ');
}

let matched = 0;
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const r = await runOnce(i);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (r.summary?.matches) {
    matched++;
    const chat = r.summary.channels.reduce((n, c) => n + c.chatMessages.stored, 0);
    const viewers = r.summary.channels.reduce((n, c) => n + (c.viewers?.stored ?? 0), 0);
    console.log(`run ${i}: match (${chat} chat lines, ${viewers} viewer readings; ${seconds} s)`);
  } else if (r.summary)
    console.log(`run ${i}: MISMATCH ${describeMismatch(r.summary)} (${seconds} s)${values.keep ? ` in ${r.dir}` : ''}`);
  else console.log(`run ${i}: FAILED ${r.error}`);
}
console.log(`${matched} of ${runs} runs matched`);
process.exitCode = matched === runs ? 0 : 1;
