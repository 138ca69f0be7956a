// `streamlens import chat FILE…` (also `import irc`): chat logs into the store — raw IRC, justlog/rustlog text,
// Chatterino, TwitchDownloader JSON or CSV, `.gz` or `-` for standard input — with progress, the streams the chat
// formed, and a summary.

import { type Command, Option } from 'commander';
import { listChannels } from '../../analytics/channel/list-channels.ts';
import { getStoredChatLines } from '../../analytics/chat/get-stored-chat-lines.ts';
import { getChatterIdsByLogin } from '../../analytics/community/get-chatter-ids.ts';
import { formatZonedDateTime } from '../../analytics/lib/time-zone.ts';
import { exitCodes, StreamlensError } from '../../errors.ts';
import { type ChatFormat, chatFormatDescriptions, chatFormats } from '../../importer/detect-chat-format.ts';
import { defaultStreamGapMs } from '../../importer/form-streams.ts';
import { importChatLogs } from '../../importer/import-chat-logs.ts';
import { createIngest } from '../../ingest/create-ingest.ts';
import { openStore } from '../../store/open-store.ts';
import { createArchivedStreamLister } from '../../twitch/list-archived-streams.ts';
import { formatBytes, formatCount, startProgress } from '../progress.ts';
import { createContext, runCommand } from '../run-command.ts';

// Small batches: a parsed record then dies before the next young-generation GC. With 10,000 a batch, three
// batches of records (parsed, queued, being written) outlived it, were copied and promoted, and the main thread
// spent ~2 s of a 1M-line import in GC instead of ~0.5 s; SQLite's cost per transaction is small beside that.
const batchSize = 1_000;

/** `30m`, `2h`, `90s`, `45` (minutes) → ms. */
export function parseStreamGap(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(value.trim());
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[(m?.[2] ?? 'm') as 's' | 'm' | 'h'];
  const ms = m ? Math.round(Number(m[1]) * unit) : Number.NaN;
  if (!(ms > 0))
    throw new StreamlensError('USAGE', `--stream-gap ${value} is not a duration`, 'write it like 30m, 2h or 90s');
  return ms;
}

export function registerImportCommand(program: Command): void {
  const importCmd = program.command('import').description('import data from other tools');
  importCmd
    .command('chat')
    .alias('irc')
    .description(
      'import chat logs: raw IRC, justlog/rustlog text and JSON, Chatterino, TwitchDownloader JSON, CSV (.gz too; - for stdin)',
    )
    .argument('<files...>', 'log files to import, or - for standard input')
    .addOption(
      new Option('--format <format>', "the files' format (default: detected from each file)").choices([...chatFormats]),
    )
    .option('--stream-gap <duration>', 'a silence in chat longer than this ends a broadcast formed from chat', '30m')
    .option('--channel-id <id>', 'the Twitch id of the channel of a text log whose channel is not known yet')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Formats (detected from the content; --format forces one):
${chatFormats.map((f) => `  ${f.padEnd(17)} ${chatFormatDescriptions[f]}`).join('\n')}

Imported chat forms streams: chat inside a stream already recorded belongs to it; a TwitchDownloader file's video
is a stream; other chat is grouped into broadcasts by gaps (--stream-gap, 30m by default). Such streams have no
viewer counts (unknown, never zero). Importing the same file twice stores nothing new and forms no new stream.
Lines that are not chat (PING, JOIN, system lines…) are skipped and junk lines dropped with a reason. A file in
no known format stops the import with exit code 65. A file that cannot be read to its end (a corrupt or
truncated .gz) is named with why, the lines before the damage and the files after it are still imported, and the
exit code is ${exitCodes.FILE_UNREADABLE}.

Examples:
  streamlens import chat logs/2024-*.log.gz
  streamlens import chat vod-chat.json --format twitchdownloader
  zcat old.log.gz | streamlens import chat - --stream-gap 1h`,
    )
    .action(
      (
        files: string[],
        flags: { json?: boolean; format?: ChatFormat; streamGap: string; channelId?: string },
        command: Command,
      ) =>
        runCommand(async () => {
          const { config, log, timeZone } = createContext(command);
          const streamGapMs = flags.streamGap ? parseStreamGap(flags.streamGap) : defaultStreamGapMs;
          const store = await openStore(config);
          try {
            // A login known both by a stand-in (`login:<login>`, from a text log) and by its Twitch id is the id's.
            const directory = new Map<string, string>();
            for (const c of await listChannels(store))
              if (!directory.has(c.login) || directory.get(c.login)!.startsWith('login:')) directory.set(c.login, c.id);
            const knownStreams = await store.listStreamSpans();
            const ingest = await createIngest({
              store,
              log,
              // A cap only: the importer flushes every `batchSize` records and keeps one batch written while it
              // parses the next (the ingest's own size flush would queue batches behind the one in flight).
              batchSize: batchSize * 4,
              flushIntervalMs: 60_000,
              maxWritesInFlight: 2,
              maxRetries: config.ingest.maxRetries,
              bulkLoad: true,
            });
            const started = performance.now();
            let progress: ReturnType<typeof startProgress> | undefined;
            let summary: Awaited<ReturnType<typeof importChatLogs>>;
            try {
              summary = await importChatLogs({
                files,
                ingest,
                batchSize,
                format: flags.format,
                directory,
                channelId: flags.channelId,
                knownStreams,
                streamGapMs,
                listArchivedStreams: createArchivedStreamLister(config, log),
                loadChatterIds: (channelId) => getChatterIdsByLogin(store, channelId),
                loadStoredChat: (channelId, from, to, otherThan) =>
                  getStoredChatLines(store, channelId, from, to, otherThan),
                onProgress(p) {
                  if (p.totalBytes === 0) return;
                  progress ??= startProgress('importing', p.totalBytes, formatBytes);
                  progress.update(p.bytesRead, `${formatCount(p.lines)} lines`);
                },
              });
            } finally {
              await ingest.stop();
              progress?.stop();
            }
            const importSeconds = (performance.now() - started) / 1000;
            // Chatters an earlier text log knew by login only, whose Twitch id this import (or one since) named.
            let mergedChatters = 0;
            for (const channel of summary.channels) mergedChatters += await store.mergeChatterStandIns(channel.id);
            let indexProgress: ReturnType<typeof startProgress> | undefined;
            const indexed = await store.catchUp((done, total) => {
              indexProgress ??= startProgress('search index', total);
              indexProgress.update(done);
            });
            indexProgress?.stop();
            const totalSeconds = (performance.now() - started) / 1000;
            const stats = ingest.stats();
            const result = {
              files: summary.files,
              formats: summary.formats,
              lines: summary.lines,
              stored: { messages: stats.stored.message ?? 0, events: stats.stored.event ?? 0 },
              // Messages stored before, by id, or from a log of the other kind (a text log and a VOD's chat).
              duplicates: stats.duplicates + summary.sameAsStored,
              mergedChatters,
              skipped: summary.skipped,
              dropped: { ...summary.dropped, ...stats.dropped },
              channels: summary.channels,
              streams: summary.streams,
              archiveErrors: summary.archiveErrors,
              failed: summary.failed,
              searchIndexed: indexed,
              seconds: Number(totalSeconds.toFixed(2)),
              linesPerSec: Math.round(summary.lines / importSeconds),
              database: store.location,
            };
            if (flags.json) {
              process.stdout.write(`${JSON.stringify(result)}\n`);
            } else {
              const dropped = Object.entries(result.dropped).sort((a, b) => b[1] - a[1]);
              const lines = [
                `Imported ${formatCount(result.lines)} lines from ${result.files} file(s) (${[...new Set(result.formats)].join(', ')}) in ${result.seconds} s (${formatCount(result.linesPerSec)} lines/s) into ${result.database}`,
                `  stored      ${formatCount(result.stored.messages)} messages, ${formatCount(result.stored.events)} events`,
                `  duplicates  ${formatCount(result.duplicates)} (already stored)`,
                ...(mergedChatters > 0
                  ? [
                      `  chatters    ${formatCount(mergedChatters)} known before by login only are now one with their Twitch id`,
                    ]
                  : []),
                `  skipped     ${formatCount(result.skipped)} non-chat lines (PING, JOIN, ROOMSTATE, system lines…)`,
                `  dropped     ${dropped.length === 0 ? 'none' : dropped.map(([r, n]) => `${formatCount(n)} ${r}`).join(', ')}`,
                `  channels    ${result.channels.map((c) => `#${c.login} (${c.id})`).join(', ') || 'none seen'}`,
                `  streams     ${result.streams.length === 0 ? 'none formed (chat belongs to streams already stored)' : `${result.streams.length} formed (viewer counts unknown):`}`,
                ...result.streams.map(
                  (s) =>
                    `    ${s.id}  ${formatZonedDateTime(s.startedAt, timeZone)} – ${formatZonedDateTime(s.endedAt, timeZone)}  ${formatCount(s.messages)} messages  (${{ video: "the file's video", archive: 'archive VOD listed by Helix', gaps: 'gaps in chat' }[s.source]})`,
                ),
                ...result.archiveErrors.map(
                  (e) =>
                    `  helix       could not list the archives of ${e.channelId} (${e.error}); its chat was grouped by gaps`,
                ),
              ];
              process.stdout.write(`${lines.join('\n')}\n`);
            }
            for (const { error } of summary.failed) process.stderr.write(`streamlens: ${error}\n`);
            if (summary.failed.length > 0)
              process.stderr.write(
                '  → repair or fetch the file again and import it again; what is stored stays once\n',
              );
            return summary.failed.length > 0 ? exitCodes.FILE_UNREADABLE : 0;
          } finally {
            await store.close();
          }
        }),
    );
}
