// End-to-end import, on both corpora (bench/corpus.ts: easy, realistic): a generated 1M-line raw IRC log through
// `bin/streamlens import irc` into SQLite (the real command, in its own process), then the same file again (must
// store nothing), with peak memory, and the stored bytes per chat message measured with SQLite's dbstat. The
// peer, in the same run: bare better-sqlite3 inserts of the rows the import stored, into the same table
// (prepared statement, 1,000 a transaction; no reading, parsing, aggregates or search index), which is what
// SQLite alone costs here.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CorpusProfile, corpusProfiles, writeCorpusFile } from './corpus.ts';

const lines = Number(process.env.BENCH_LINES ?? 1_000_000);
const bin = new URL('../bin/streamlens', import.meta.url).pathname;
const summary: Record<string, unknown> = {};
for (const profile of corpusProfiles) summary[profile] = await benchCorpus(profile);
console.log(JSON.stringify({ import: { lines, ...summary } }));

async function benchCorpus(profile: CorpusProfile): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-import-bench-'));
  const log = join(dir, 'chat.log');
  const db = join(dir, 'bench.db');

  await writeCorpusFile(log, { lines, seed: 42, profile });
  const logBytes = statSync(log).size;

  function runImport(): {
    seconds: number;
    maxRssMb: number;
    summary: { lines: number; stored: { messages: number; events: number }; duplicates: number; linesPerSec: number };
  } {
    const started = performance.now();
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', process.execPath, bin, 'import', 'irc', log, '--db', db, '--json'],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
    const seconds = (performance.now() - started) / 1000;
    const maxRssMb = Number(r.stderr.trim().split('\n').pop()) / 1024;
    return { seconds, maxRssMb, summary: JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') };
  }

  const first = runImport();
  const second = runImport();

  const sqlite = new Database(db, { readonly: true });
  const messages = (sqlite.prepare('SELECT COUNT(*) AS n FROM chat_messages').get() as { n: number }).n;
  const bytes = (name: string) =>
    (sqlite.prepare('SELECT COALESCE(SUM(pgsize), 0) AS b FROM dbstat WHERE name = ?').get(name) as { b: number }).b;
  const tableBytes = bytes('chat_messages');
  const ftsBytes =
    bytes('chat_fts_data') + bytes('chat_fts_idx') + bytes('chat_fts_docsize') + bytes('chat_fts_config');

  function bareInsertRowsPerSec(): number {
    const peer = new Database(join(dir, 'peer.db'));
    peer.pragma('journal_mode = WAL');
    peer.pragma('synchronous = NORMAL');
    const ddl = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'chat_messages'").pluck().get() as string;
    peer.exec(ddl);
    const columns = (sqlite.prepare('SELECT * FROM chat_messages LIMIT 1').columns() ?? []).map((c) => c.name);
    const insert = peer.prepare(
      `INSERT OR IGNORE INTO chat_messages (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const insertBatch = peer.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(...row);
    });
    let seconds = 0;
    let batch: unknown[][] = [];
    const timed = () => {
      const started = performance.now();
      insertBatch(batch);
      seconds += (performance.now() - started) / 1000;
      batch = [];
    };
    for (const row of sqlite.prepare('SELECT * FROM chat_messages').raw().iterate() as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length === 1000) timed();
    }
    timed();
    peer.close();
    return Math.round(messages / seconds);
  }
  const bareRowsPerSec = bareInsertRowsPerSec();
  sqlite.close();

  const endToEnd = Math.round(lines / first.seconds);
  console.log(`${profile} corpus ${lines.toLocaleString('en-US')} lines, ${(logBytes / lines).toFixed(0)} B/line raw`);
  console.log(
    `import            ${first.seconds.toFixed(1)} s end to end = ${endToEnd.toLocaleString('en-US')} lines/s (ingest phase ${first.summary.linesPerSec.toLocaleString('en-US')} lines/s), peak RSS ${first.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `peer              bare SQLite inserts of the same rows: ${bareRowsPerSec.toLocaleString('en-US')} rows/s; the import end to end runs at ${(endToEnd / bareRowsPerSec).toFixed(2)}× that`,
  );
  console.log(
    `re-import         ${second.seconds.toFixed(1)} s, stored ${second.summary.stored.messages} new messages, ${second.summary.duplicates.toLocaleString('en-US')} duplicates, peak RSS ${second.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `storage           chat_messages ${(tableBytes / messages).toFixed(1)} B/msg with its primary-key index; full-text index +${(ftsBytes / messages).toFixed(1)} B/msg (peer figures: raw line ~450 B, naive schema 272 B, append-friendly 199 B)`,
  );
  rmSync(dir, { recursive: true, force: true });
  console.log('');
  return {
    linesPerSec: endToEnd,
    ingestLinesPerSec: first.summary.linesPerSec,
    bareSqliteRowsPerSec: bareRowsPerSec,
    ratioVsBareSqlite: Number((endToEnd / bareRowsPerSec).toFixed(2)),
    peakRssMb: Math.round(first.maxRssMb),
    reimportStored: second.summary.stored.messages,
    bytesPerMessage: Number((tableBytes / messages).toFixed(1)),
    ftsBytesPerMessage: Number((ftsBytes / messages).toFixed(1)),
  };
}
