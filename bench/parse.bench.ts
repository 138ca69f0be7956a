// Chat parser throughput: streamlens translateIrcLine vs twurple (ircv3 parseMessage with Twitch's message types)
// vs tmi.js (parser.msg + the tag work its client does per line), on one generated corpus, one core.
// Run: node --import tsx bench/parse.bench.ts   (BENCH_LINES=… to change the corpus size)

import { createRequire } from 'node:module';
import { ChatMessage, ClearChat, ClearMsg, parseTwitchMessage, UserNotice } from '@twurple/chat';
import { decodeCtcp } from 'ircv3';
import { translateIrcLine } from '../src/twitch/irc/translate-irc-line.ts';
import { generateCorpus } from './corpus.ts';

interface TmiMessage {
  tags: Record<string, unknown>;
  prefix: string | null;
  command: string | null;
  params: string[];
}
interface TmiParser {
  msg(line: string): TmiMessage | null;
  badges(tags: Record<string, unknown>): Record<string, unknown>;
  badgeInfo(tags: Record<string, unknown>): Record<string, unknown>;
  emotes(tags: Record<string, unknown>): Record<string, unknown>;
}
interface TmiUtils {
  unescapeIRC(value: string): string;
  channel(value: string | null): string;
  actionMessage(text: string): RegExpMatchArray | null;
}
const require = createRequire(import.meta.url);
const tmiParser = require('tmi.js/lib/parser.js') as TmiParser;
const tmiUtils = require('tmi.js/lib/utils.js') as TmiUtils;

/** streamlens: the full translation to domain records (the directory persists as in a real collector). */
function runStreamlens(lines: string[]): number {
  const directory = new Map<string, string>();
  let checksum = 0;
  for (const line of lines) {
    const result = translateIrcLine(line, directory);
    if (result.kind === 'message') checksum += result.message.emotes.length + result.message.badges.length;
    else if (result.kind === 'event') checksum += result.event.ts & 1;
  }
  return checksum;
}

/**
 * twurple: ChatClient's path — parseMessage with Twitch's message classes (parseTwitchMessage), decodeCtcp for /me
 * as IrcClient does — then reading the fields streamlens translates through twurple's getters (its badges and
 * emote offsets are parsed lazily by those getters).
 */
function runTwurple(lines: string[]): number {
  let checksum = 0;
  for (const line of lines) {
    const msg = parseTwitchMessage(line);
    if (msg instanceof ChatMessage) {
      const user = msg.userInfo;
      const ctcp = decodeCtcp(msg.text);
      const text = ctcp ? ctcp.params : msg.text;
      const fields = [
        msg.id,
        msg.date.getTime(),
        msg.channelId,
        msg.sourceChannelId,
        user.userId,
        user.userName,
        user.displayName,
        user.color,
        msg.bits,
        msg.isFirst,
        msg.isReturningChatter,
        msg.parentMessageId,
        msg.parentMessageUserName,
        text,
      ];
      checksum += fields.length + user.badges.size + msg.emoteOffsets.size;
    } else if (msg instanceof UserNotice) {
      checksum += msg.userInfo.badges.size + msg.emoteOffsets.size + (msg.date.getTime() & 1) + msg.tags.size;
    } else if (msg instanceof ClearChat || msg instanceof ClearMsg) {
      checksum += msg.tags.size;
    }
  }
  return checksum;
}

/** tmi.js: parser.msg() then what client.handleMessage does to every line before dispatching it. */
function runTmi(lines: string[]): number {
  let checksum = 0;
  for (const line of lines) {
    const message = tmiParser.msg(line);
    if (message === null) continue;
    const channel = tmiUtils.channel(message.params[0] ?? null);
    let text = message.params[1] ?? null;
    const tags = tmiParser.badges(tmiParser.badgeInfo(tmiParser.emotes(message.tags)));
    for (const key in tags) {
      if (key === 'emote-sets' || key === 'ban-duration' || key === 'bits') continue;
      let value = tags[key];
      if (typeof value === 'boolean') value = null;
      else if (value === '1') value = true;
      else if (value === '0') value = false;
      else if (typeof value === 'string') value = tmiUtils.unescapeIRC(value);
      tags[key] = value;
    }
    if (message.command === 'PRIVMSG' && text !== null) {
      const action = tmiUtils.actionMessage(text);
      text = action ? (action[1] ?? text) : text;
    }
    checksum += channel.length + (text?.length ?? 0);
  }
  return checksum;
}

interface Result {
  name: string;
  linesPerSec: number;
}

function measure(name: string, run: (lines: string[]) => number, lines: string[]): Result {
  run(lines.slice(0, Math.min(lines.length, 100_000))); // warm-up: let the JIT settle
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    const checksum = run(lines);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (checksum < 0) console.log('unreachable', checksum); // keeps the work observable
    best = Math.max(best, lines.length / seconds);
  }
  return { name, linesPerSec: Math.round(best) };
}

const corpusLines = Number(process.env.BENCH_LINES ?? 1_000_000);
// Join and split so that lines are flat slices of one buffer, as they are when read from a socket.
const lines = [...generateCorpus({ lines: corpusLines, seed: 1, channels: 3 })].join('\n').split('\n');

const streamlens = measure('streamlens translateIrcLine', runStreamlens, lines);
const twurple = measure('twurple parseTwitchMessage + getters', runTwurple, lines);
const tmi = measure('tmi.js parser.msg + handleMessage tags', runTmi, lines);

console.log(
  `corpus: ${lines.length} lines, ${Math.round(lines.reduce((n, l) => n + l.length, 0) / lines.length)} chars/line`,
);
console.log(`${'parser'.padEnd(42)}${'lines/s'.padStart(12)}${'µs/line'.padStart(10)}${'streamlens ×'.padStart(14)}`);
for (const r of [streamlens, twurple, tmi]) {
  const ratio = (streamlens.linesPerSec / r.linesPerSec).toFixed(2);
  console.log(
    `${r.name.padEnd(42)}${r.linesPerSec.toLocaleString('en-US').padStart(12)}${(1e6 / r.linesPerSec).toFixed(2).padStart(10)}${ratio.padStart(14)}`,
  );
}
const round2 = (x: number): number => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    parse: {
      linesPerSec: streamlens.linesPerSec,
      twurpleLinesPerSec: twurple.linesPerSec,
      tmiLinesPerSec: tmi.linesPerSec,
      ratioVsTwurple: round2(streamlens.linesPerSec / twurple.linesPerSec),
      ratioVsTmi: round2(streamlens.linesPerSec / tmi.linesPerSec),
      corpusLines: lines.length,
    },
  }),
);
