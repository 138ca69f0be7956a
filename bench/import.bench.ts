// End-to-end import, on both corpora (bench/corpus.ts: easy, realistic): a generated 1M-line raw IRC log through
// `bin/streamlens import irc` into SQLite (the real command, in its own process), then the same file again (must
// store nothing), with peak memory, and the stored bytes per chat message measured with SQLite's dbstat. The
// peer, in the same run: bare better-sqlite3 inserts of the rows the import stored, into the same table
// (prepared statement, 1,000 a transaction; no reading, parsing, aggregates or search index), which is what
// SQLite alone costs here. Then every other format (justlog text and JSON, Chatterino, CSV, TwitchDownloader JSON), made from
// the messages of the easy corpus's first `BENCH_FORMAT_LINES` lines, each imported into a fresh database by the
// same command (format detected), in lines/s end to end.

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ChatMessage } from '../src/domain.ts';
import { translateIrcLine } from '../src/twitch/irc/translate-irc-line.ts';
import { ensureDistCurrent } from './compiled-product.ts';
import { type CorpusProfile, corpusProfiles, generateCorpus, writeCorpusFile } from './corpus.ts';

const lines = Number(process.env.BENCH_LINES ?? 1_000_000);
const bin = new URL('../bin/streamlens', import.meta.url).pathname;
// The command runs as users run it: compiled, never src/ through tsx.
ensureDistCurrent();
const summary: Record<string, unknown> = {};
for (const profile of corpusProfiles) summary[profile] = await benchCorpus(profile);
summary.formats = await benchFormats(Number(process.env.BENCH_FORMAT_LINES ?? 200_000));
console.log(JSON.stringify({ import: { lines, ...summary } }));

/** Writes `text` pieces to a file, waiting when the stream's buffer is full. */
async function writeAll(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of pieces) if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function benchFormats(count: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-import-formats-bench-'));
  const messages: ChatMessage[] = [];
  /** Each message's raw IRC line (justlog's JSON carries it). */
  const raws: string[] = [];
  const logins = new Map<string, string>();
  const directory = new Map<string, string>();
  for (const line of generateCorpus({ lines: count, seed: 42, profile: 'easy' })) {
    const t = translateIrcLine(line, directory);
    if (t.kind === 'message') {
      messages.push(t.message);
      raws.push(line);
    }
  }
  for (const [login, id] of directory) logins.set(id, login);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = (ts: number) => {
    const d = new Date(ts);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const oneLine = (text: string) => text.replace(/[\r\n]/g, ' ');
  const csvField = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const first = messages[0]!;
  // Chatterino keeps one file per day: the messages of the first one.
  const day = stamp(first.ts).slice(0, 10);
  const chatterino = messages.filter((m) => stamp(m.ts).startsWith(day));
  const files: Record<string, { path: string; lines: number }> = {
    justlog: { path: join(dir, 'justlog.txt'), lines: messages.length },
    chatterino: { path: join(dir, `${logins.get(first.channelId)}-${day}.log`), lines: chatterino.length },
    csv: { path: join(dir, 'chat.csv'), lines: messages.length },
    twitchdownloader: { path: join(dir, 'chat.json'), lines: messages.length },
    'justlog-json': { path: join(dir, 'justlog.json'), lines: messages.length },
  };
  await writeAll(
    files.justlog!.path,
    messages.map((m) => `[${stamp(m.ts)}] #${logins.get(m.channelId)} ${m.userLogin}: ${oneLine(m.text)}\r\n`),
  );
  await writeAll(files.chatterino!.path, [
    `# Start logging at ${day} 00:00:00 UTC\n`,
    ...chatterino.map((m) => `[${stamp(m.ts).slice(11)}]  ${m.userLogin}: ${oneLine(m.text)}\n`),
  ]);
  await writeAll(files.csv!.path, [
    'timestamp,channel,user,message,id,user_id,display_name\n',
    ...messages.map(
      (m) =>
        `${m.ts},${logins.get(m.channelId)},${m.userLogin},${csvField(oneLine(m.text))},${m.id},${m.userId},${csvField(m.displayName)}\n`,
    ),
  ]);
  await writeAll(files.twitchdownloader!.path, [
    `{"FileInfo":{"Version":{"Major":1,"Minor":4,"Patch":0}},"streamer":{"name":"${logins.get(first.channelId)}","id":${Number(first.channelId)}},"video":{"title":"bench","id":"1","created_at":"${new Date(first.ts).toISOString()}","start":0,"end":0,"length":-1},"comments":[`,
    ...messages.map(
      (m, i) =>
        `${i ? ',' : ''}${JSON.stringify({
          _id: m.id,
          created_at: new Date(m.ts).toISOString(),
          channel_id: m.channelId,
          content_type: 'video',
          content_id: '1',
          content_offset_seconds: (m.ts - first.ts) / 1000,
          commenter: { display_name: m.displayName, _id: m.userId, name: m.userLogin, bio: null, logo: '' },
          message: {
            body: m.text,
            bits_spent: m.bits,
            fragments: [{ text: m.text, emoticon: null }],
            user_badges: m.badges.map((b) => ({ _id: b.name, version: b.version })),
            user_color: m.color,
            emoticons: [],
          },
        })}`,
    ),
    '],"embeddedData":null}',
  ]);
  // justlog's `?json`: each message with its tags as an object and its raw line.
  const tagsOf = (raw: string) =>
    Object.fromEntries(
      raw
        .slice(1, raw.indexOf(' '))
        .split(';')
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  await writeAll(files['justlog-json']!.path, [
    '{"messages":[',
    ...messages.map(
      (m, i) =>
        `${i ? ',' : ''}${JSON.stringify({
          text: m.text,
          systemText: '',
          username: m.userLogin,
          displayName: m.displayName,
          channel: logins.get(m.channelId),
          timestamp: new Date(m.ts).toISOString(),
          id: m.id,
          type: 1,
          raw: raws[i],
          tags: tagsOf(raws[i]!),
        })}`,
    ),
    ']}',
  ]);
  const result: Record<string, number> = {};
  for (const [format, file] of Object.entries(files)) {
    const db = join(dir, `${format}.db`);
    const started = performance.now();
    const r = spawnSync(process.execPath, [bin, 'import', 'chat', file.path, '--db', db, '--json'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${format} import failed: ${r.stderr}`);
    const seconds = (performance.now() - started) / 1000;
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    if (out.formats?.[0] !== format) throw new Error(`${format} detected as ${out.formats?.[0]}`);
    result[format] = Math.round(file.lines / seconds);
    console.log(
      `format ${format.padEnd(17)} ${file.lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s = ${result[format]!.toLocaleString('en-US')} lines/s end to end (stored ${out.stored.messages.toLocaleString('en-US')}, ${(statSync(file.path).size / file.lines).toFixed(0)} B/line)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

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
      ['-f', '%M', process.execPath, bin, 'import', 'chat', log, '--db', db, '--json'],
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
