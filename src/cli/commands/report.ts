// `streamlens report`: the post-stream report of a stream as Markdown (terminal), JSON or a self-contained
// HTML page; `--list` shows the recorded streams to pick from.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { StreamInfo } from '../../analytics/index.ts';
import { formatOffset } from '../../analytics/lib/format.ts';
import { formatZonedDateTime } from '../../analytics/lib/time-zone.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { createContext, runCommand } from '../run-command.ts';

const optionsSchema = z.object({
  channel: z
    .string()
    .regex(/^@?\w{1,25}$/, '--channel must be a Twitch login')
    .optional(),
  html: z.string().min(1).optional(),
  json: z.boolean().optional(),
  list: z.boolean().optional(),
});

/** Adds `streamlens report [STREAM|latest] [--channel LOGIN] [--html FILE] [--json] [--list]`. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('the post-stream report: headline numbers, top moments, viewer changes, next steps')
    .argument('[stream]', 'stream id, an unambiguous id prefix, or "latest"', 'latest')
    .option(
      '--channel <login>',
      'the channel for "latest" and --list (default: the first configured channel, else the one with the most streams)',
    )
    .option('--html <file>', 'write a self-contained HTML page to FILE and print its path')
    .option('--json', 'print the structured report as JSON')
    .option('--list', 'list recent streams instead')
    .action((stream: string, raw: Record<string, unknown>, command: Command) =>
      runCommand(async () => {
        const parsed = optionsSchema.safeParse(raw);
        if (!parsed.success)
          throw new StreamlensError(
            'USAGE',
            parsed.error.issues.map((i) => i.message).join('; '),
            'see `streamlens report --help`',
          );
        const options = parsed.data;
        const { config, timeZone } = createContext(command);
        // Analytics are loaded here, not at start-up: every other command starts without them.
        const {
          findMainChannelId,
          findStream,
          generateStreamReport,
          getLatestStream,
          listStreams,
          renderReportHtml,
          renderReportMarkdown,
          resolveChannelId,
          zoneName,
          zoneOffsetMinutes,
        } = await import('../../analytics/index.ts');
        const store = await openStore(config, { mustExist: true });
        try {
          const channelId = options.channel
            ? await resolveChannelId(store, options.channel)
            : await findMainChannelId(store, config.channels);
          if (options.list) {
            process.stdout.write(formatList(await listStreams(store, { channelId, limit: 20 }), timeZone));
            return 0;
          }
          const target =
            stream === 'latest' ? await getLatestStream(store, channelId) : await findStream(store, stream);
          if (!target)
            throw new StreamlensError(
              'NOT_FOUND',
              stream === 'latest' ? 'no streams recorded yet' : `no stream "${stream}"`,
              'run `streamlens report --list` to see the recorded streams',
            );
          const report = await generateStreamReport(store, target.id, {
            minConfidence: config.transcription.minConfidence,
            tzOffsetMinutes: zoneOffsetMinutes(Date.now(), timeZone),
            zoneLabel: zoneName(Date.now(), timeZone),
          });
          if (options.html) {
            const path = resolve(options.html);
            writeFileSync(path, renderReportHtml(report, { timeZone }));
            process.stdout.write(`${path}\n`);
          } else if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          else process.stdout.write(renderReportMarkdown(report, { timeZone }));
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}

function formatList(streams: readonly StreamInfo[], timeZone: string): string {
  if (streams.length === 0) return 'no streams recorded yet\n';
  const lines = streams.map(
    (s) =>
      `${s.id}  ${formatZonedDateTime(s.startedAt, timeZone)}  ${formatOffset(s.durationMs).padStart(8)}  ${s.channelLogin ?? s.channelId}  ${s.gameName ?? '-'}  ${s.title}`,
  );
  return `${lines.join('\n')}\n`;
}
