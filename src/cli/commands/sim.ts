// `streamlens sim`: runs the Twitch simulator on loopback until Ctrl-C or the scenario's end, and prints how to
// point `streamlens start` at it.

import type { Command } from 'commander';
import { z } from 'zod';
import { numeric } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { runCommand } from '../run-command.ts';

const optionsSchema = z.object({
  scenario: z.string().min(1).optional(),
  speed: numeric(z.number().positive('--speed must be a positive number').max(100_000)).default(1),
  port: numeric(z.number().int().min(0).max(65535)).default(0),
  chatPort: numeric(z.number().int().min(0).max(65535)).optional(),
  discord: z.boolean().default(false),
});

/** Adds `streamlens sim [--scenario FILE] [--speed N] [--port N] [--chat-port N]`. */
export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run the built-in Twitch simulator (Helix, OAuth, chat, EventSub) on 127.0.0.1')
    .option('--scenario <file>', 'scenario JSON file (default: scenarios/default.json; see docs/scenarios.md)')
    .option('--speed <n>', 'simulated seconds per real second', '1')
    .option('--port <n>', 'HTTP/WebSocket port (0 = any free port)', '0')
    .option('--chat-port <n>', 'plain-TCP chat (IRC) port (default: --port + 1 when --port is set, else any free port)')
    .option('--discord', 'also run a loopback Discord webhook receiver and print what it gets')
    .action((raw: Record<string, unknown>) =>
      runCommand(async () => {
        const parsed = optionsSchema.safeParse(raw);
        if (!parsed.success)
          throw new StreamlensError(
            'USAGE',
            parsed.error.issues
              .map((i) => (i.message.startsWith('--') ? i.message : `--${i.path.join('.')}: ${i.message}`))
              .join('; '),
            'see `streamlens sim --help`',
          );
        const { scenario: file, speed, port } = parsed.data;
        // A fixed --port makes every URL fixed, the TCP chat one included.
        const chatTcpPort = parsed.data.chatPort ?? (port > 0 && port < 65535 ? port + 1 : 0);
        const { defaultScenarioPath, loadScenario, startDiscordReceiver, startSimulator } = await import(
          '../../sim/index.ts'
        );
        const scenario = loadScenario(file ?? defaultScenarioPath());
        const sim = await startSimulator({ scenario, speed, port, chatTcpPort });
        const discord = parsed.data.discord ? await startDiscordReceiver() : undefined;
        const webhook = discord?.createWebhook();
        discord?.onMessage((m) =>
          process.stdout.write(`Discord (loopback) received: ${m.body.embeds?.[0]?.title ?? m.body.content ?? ''}\n`),
        );
        const env = {
          STREAMLENS_TWITCH_HELIX_URL: sim.urls.helixUrl,
          STREAMLENS_TWITCH_AUTH_URL: sim.urls.authUrl,
          STREAMLENS_TWITCH_CHAT_URL: sim.urls.chatUrl,
          STREAMLENS_TWITCH_EVENTSUB_URL: sim.urls.eventsubUrl,
          STREAMLENS_TWITCH_CLIENT_ID: sim.credentials.clientId,
          STREAMLENS_TWITCH_CLIENT_SECRET: sim.credentials.clientSecret,
          STREAMLENS_EMOTES_7TV_URL: sim.urls.sevenTvUrl,
          STREAMLENS_EMOTES_BTTV_URL: sim.urls.bttvUrl,
          STREAMLENS_EMOTES_FFZ_URL: sim.urls.ffzUrl,
        };
        const logins = scenario.channels.map((c) => c.login);
        process.stdout.write(
          [
            `Twitch simulator running at ${speed}× (scenario ${file ?? 'default'})`,
            `  helix      ${sim.urls.helixUrl}`,
            `  oauth      ${sim.urls.authUrl}`,
            `  chat (ws)  ${sim.urls.chatUrl}`,
            `  chat (tcp) ${sim.urls.chatTcpUrl}`,
            `  eventsub   ${sim.urls.eventsubUrl}`,
            `  emotes     ${sim.urls.sevenTvUrl} (7TV), ${sim.urls.bttvUrl} (BTTV), ${sim.urls.ffzUrl} (FFZ)`,
            '',
            'Point streamlens at it from another terminal:',
            ...Object.entries(env).map(([k, v]) => `  export ${k}=${v}`),
            `  streamlens start${logins.length > 0 ? ` -c ${logins.join(',')}` : ''}`,
            '',
            ...(discord && webhook
              ? [
                  '',
                  'A Discord-shaped webhook receiver runs too; send notifications to it with, in streamlens.config.json:',
                  `  "notifications": { "discordApiBase": "${discord.apiBase}",`,
                  `    "targets": [{ "kind": "discord", "url": "${webhook.url}", "events": ["report", "raid", "viewers-falling", "questions-waiting"] }] }`,
                ]
              : []),
            'Ctrl-C stops the simulator.',
            '',
          ].join('\n'),
        );
        let interrupted = false;
        await Promise.race([
          sim.done,
          new Promise<void>((resolve) =>
            process.once('SIGINT', () => {
              interrupted = true;
              resolve();
            }),
          ),
        ]);
        await sim.stop();
        await discord?.stop();
        const summary = sim.ledger.summary();
        process.stdout.write(
          `${interrupted ? 'Stopped' : 'Scenario ended'}: ${summary.chatMessages} chat messages, ${summary.chatEvents} chat events, ` +
            `${summary.eventsubDelivered} EventSub notifications delivered, ${summary.streamsStarted} streams` +
            `${discord ? `; the Discord receiver got ${discord.messages.length} message(s)` : ''}.\n`,
        );
        return 0;
      }),
    );
}
