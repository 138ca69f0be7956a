// Seeded generator of realistic Twitch IRC traffic (full PRIVMSG tag sets, USERNOTICEs, moderation, PINGs) for
// benchmarks and load tests, in two profiles (easy, realistic). Same seed → same lines.
// CLI: node --import tsx bench/corpus.ts OUT.log[.gz] [lines] [seed] [--realistic]

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { createRandom, escapeTag, pick, type Random, toHex, toUuid } from './corpus-parts.ts';
import { generateRealisticCorpus } from './corpus-realistic.ts';

/**
 * Which traffic: `easy` (the default) is one to a few channels and 4,000 chatters, the project's original corpus;
 * `realistic` is 40 channels with Zipf traffic, 250,000 chatters and every tag (corpus-realistic.ts).
 */
export type CorpusProfile = 'easy' | 'realistic';
export const corpusProfiles: readonly CorpusProfile[] = ['easy', 'realistic'];

/** What to generate. */
export interface CorpusOptions {
  lines: number;
  seed: number;
  profile?: CorpusProfile;
  /** Channels the lines are spread over (default 1; realistic: 40). */
  channels?: number;
  /** Chatters in the world (realistic only; default 250,000). */
  chatters?: number;
  /** tmi-sent-ts of the first line (default 2024-06-01T18:00:00Z). */
  startTs?: number;
}

const EMOTES: ReadonlyArray<readonly [string, string]> = [
  ['Kappa', '25'],
  ['LUL', '425618'],
  ['PogChamp', '305954156'],
  ['Kreygasm', '41'],
  ['BibleThump', '86'],
  ['ResidentSleeper', '245'],
  ['NotLikeThis', '58765'],
  ['SeemsGood', '64138'],
  ['4Head', '354'],
  ['<3', '9'],
  [':)', '1'],
  ['pajaM_TK', '300196486_TK'],
];
const WORDS = (
  'gg wp lol that was insane no way clip it chat is this real what just happened let him cook ' +
  'hello everyone first time here love the stream how long have you been live which game is next ' +
  'the boss fight was close again bro missed it W L ratio true monkaS omegalul actually based'
).split(' ');
const EMOJI = ['😂', '👉', '🔥', '❤️', '😭', '🫣', 'ñ', 'é'];
const COLORS = ['#FF0000', '#0000FF', '#008000', '#B22222', '#FF7F50', '#9ACD32', '#FF4500', '#2E8B57', '#DAA520'];
const NAME_PARTS = ['dark', 'pixel', 'nova', 'lazy', 'king', 'frost', 'moon', 'tiny', 'mega', 'silent', 'retro'];
const NAME_ENDS = ['wolf', 'gamer', 'cat', 'ninja', 'fox', 'tv', 'dude', 'panda', 'sniper', 'bean'];

interface Chatter {
  login: string;
  displayName: string;
  userId: string;
  color: string;
  subMonths: number;
  badges: string;
  badgeInfo: string;
  mod: boolean;
  vip: boolean;
  turbo: boolean;
}

function createChatter(random: Random, index: number): Chatter {
  const base = `${pick(random, NAME_PARTS)}${pick(random, NAME_ENDS)}${index}`;
  const styled = random() < 0.5 ? base : base[0]!.toUpperCase() + base.slice(1);
  // A few localized display names and the odd trailing space, as seen on the wire.
  const displayName = random() < 0.02 ? `테스트${index}` : random() < 0.005 ? `${styled} ` : styled;
  const subMonths = random() < 0.35 ? 1 + Math.floor(random() * 60) : 0;
  const mod = random() < 0.01;
  const vip = !mod && random() < 0.01;
  const badges: string[] = [];
  if (mod) badges.push('moderator/1');
  if (vip) badges.push('vip/1');
  if (subMonths > 0) badges.push(`subscriber/${subMonths >= 12 ? 12 : subMonths >= 6 ? 6 : subMonths >= 3 ? 3 : 0}`);
  if (random() < 0.1) badges.push(pick(random, ['premium/1', 'bits/100', 'bits/1000', 'sub-gifter/5', 'no_audio/1']));
  return {
    login: base,
    displayName,
    userId: String(10_000_000 + Math.floor(random() * 900_000_000)),
    color: random() < 0.75 ? pick(random, COLORS) : '',
    subMonths,
    badges: badges.join(','),
    badgeInfo: subMonths > 0 ? `subscriber/${subMonths}` : '',
    mod,
    vip,
    turbo: random() < 0.01,
  };
}

/** Message text plus the emotes tag Twitch would send for it (code-point offsets, end inclusive, grouped by id). */
function createText(random: Random): { text: string; emotes: string } {
  const withEmotes = random() < 0.17;
  const count = 1 + Math.floor(random() * (withEmotes ? 6 : 10));
  const parts: string[] = [];
  const byId = new Map<string, string[]>();
  let position = 0;
  for (let i = 0; i < count; i++) {
    let token: string;
    const roll = random();
    if (withEmotes && roll < 0.45) {
      const [code, id] = pick(random, EMOTES);
      token = code;
      const list = byId.get(id) ?? [];
      list.push(`${position}-${position + [...code].length - 1}`);
      byId.set(id, list);
    } else if (roll < 0.52) token = pick(random, EMOJI);
    else token = pick(random, WORDS);
    parts.push(token);
    position += [...token].length + 1;
  }
  const emotes = [...byId].map(([id, ranges]) => `${id}:${ranges.join(',')}`).join('/');
  return { text: parts.join(' '), emotes };
}

/** Yields `lines` IRC lines (without CRLF) exactly as Twitch sends them to a tags+commands connection. */
export function generateCorpus(options: CorpusOptions): Generator<string> {
  return options.profile === 'realistic' ? generateRealisticCorpus(options) : generateEasyCorpus(options);
}

function* generateEasyCorpus(options: CorpusOptions): Generator<string> {
  const random = createRandom(options.seed);
  const channelCount = Math.max(1, options.channels ?? 1);
  const channels = Array.from({ length: channelCount }, (_, i) => ({
    login: i === 0 ? 'streamlens_demo' : `${pick(random, NAME_PARTS)}streamer${i}`,
    roomId: String(100_000_000 + Math.floor(random() * 800_000_000)),
  }));
  const chatters = Array.from({ length: 4000 }, (_, i) => createChatter(random, i));
  const recent: Array<{ id: string; chatter: Chatter; text: string; channel: string }> = [];
  let ts = options.startTs ?? Date.UTC(2024, 5, 1, 18, 0, 0);

  for (let n = 0; n < options.lines; n++) {
    ts += Math.floor(random() * 120);
    const channel = channels[Math.floor(random() ** 2 * channelCount)]!;
    // Zipf-like: a few regulars write most of the chat.
    const chatter = chatters[Math.floor(random() ** 3 * chatters.length)]!;
    const roll = random();
    if (roll < 0.0005) {
      yield 'PING :tmi.twitch.tv';
    } else if (roll < 0.0015) {
      const timeout = random() < 0.8;
      const duration = timeout ? `ban-duration=${pick(random, [1, 60, 600, 86400])};` : '';
      yield `@${duration}room-id=${channel.roomId};target-user-id=${chatter.userId};tmi-sent-ts=${ts} :tmi.twitch.tv CLEARCHAT #${channel.login} :${chatter.login}`;
    } else if (roll < 0.0025 && recent.some((r) => r.channel === channel.login)) {
      // A moderator deletes a message of their own channel.
      const target = pick(
        random,
        recent.filter((r) => r.channel === channel.login),
      );
      yield `@login=${target.chatter.login};room-id=;target-msg-id=${target.id};tmi-sent-ts=${ts} :tmi.twitch.tv CLEARMSG #${channel.login} :${target.text}`;
    } else if (roll < 0.0225) {
      yield createUserNotice(random, channel, chatter, pick(random, chatters), ts);
    } else {
      const id = toUuid(random);
      const { text, line } = createPrivmsg(random, channel, chatter, id, ts, recent);
      recent.push({ id, chatter, text, channel: channel.login });
      if (recent.length > 50) recent.shift();
      yield line;
    }
  }
}

function createPrivmsg(
  random: Random,
  channel: { login: string; roomId: string },
  chatter: Chatter,
  id: string,
  ts: number,
  recent: ReadonlyArray<{ id: string; chatter: Chatter; text: string }>,
): { text: string; line: string } {
  let { text, emotes } = createText(random);
  let bits = '';
  if (random() < 0.005) {
    const amount = pick(random, [1, 100, 500, 1000]);
    text = `Cheer${amount} ${text}`;
    bits = `bits=${amount};`;
    emotes = ''; // shifted positions: keep it simple, cheers rarely carry emotes
  }
  const reply = recent.length > 0 && random() < 0.03 ? pick(random, recent) : undefined;
  if (reply) {
    text = `@${reply.chatter.displayName.trimEnd()} ${text}`;
    emotes = '';
  }
  const action = random() < 0.02;
  const body = action ? `\u0001ACTION ${text}\u0001` : text;
  const replyTags = reply
    ? `reply-parent-display-name=${escapeTag(reply.chatter.displayName)};reply-parent-msg-body=${escapeTag(reply.text)};` +
      `reply-parent-msg-id=${reply.id};reply-parent-user-id=${reply.chatter.userId};reply-parent-user-login=${reply.chatter.login};` +
      `reply-thread-parent-display-name=${escapeTag(reply.chatter.displayName)};reply-thread-parent-msg-id=${reply.id};` +
      `reply-thread-parent-user-id=${reply.chatter.userId};reply-thread-parent-user-login=${reply.chatter.login};`
    : '';
  const nonce = random() < 0.8 ? `client-nonce=${toHex(random, 32)};` : '';
  const firstMsg = random() < 0.01 ? 1 : 0;
  const returning = firstMsg === 0 && random() < 0.02 ? 1 : 0;
  const line =
    `@badge-info=${chatter.badgeInfo};badges=${chatter.badges};${bits}${nonce}color=${chatter.color};` +
    `display-name=${escapeTag(chatter.displayName)};emotes=${emotes};first-msg=${firstMsg};flags=;id=${id};` +
    `mod=${chatter.mod ? 1 : 0};${replyTags}returning-chatter=${returning};room-id=${channel.roomId};` +
    `subscriber=${chatter.subMonths > 0 ? 1 : 0};tmi-sent-ts=${ts};turbo=${chatter.turbo ? 1 : 0};` +
    `user-id=${chatter.userId};user-type=${chatter.mod ? 'mod' : ''}${chatter.vip ? ';vip=1' : ''}` +
    ` :${chatter.login}!${chatter.login}@${chatter.login}.tmi.twitch.tv PRIVMSG #${channel.login} :${body}`;
  return { text, line };
}

function createUserNotice(
  random: Random,
  channel: { login: string; roomId: string },
  chatter: Chatter,
  other: Chatter,
  ts: number,
): string {
  const kind = pick(random, ['sub', 'resub', 'resub', 'subgift', 'submysterygift', 'raid', 'announcement']);
  const plan = pick(random, ['1000', '1000', '2000', '3000', 'Prime']);
  const tier = plan === 'Prime' ? 'with Prime' : `at Tier ${plan[0]}`;
  const months = 1 + Math.floor(random() * 40);
  let params = '';
  let system = '';
  let text = '';
  let emotes = '';
  const planName = `Channel Subscription (${channel.login})`;
  if (kind === 'sub') {
    params = `msg-param-cumulative-months=1;msg-param-months=0;msg-param-multimonth-duration=1;msg-param-multimonth-tenure=0;msg-param-should-share-streak=0;msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan};msg-param-was-gifted=false;`;
    system = `${chatter.displayName} subscribed ${tier}.`;
  } else if (kind === 'resub') {
    params = `msg-param-cumulative-months=${months};msg-param-months=0;msg-param-multimonth-duration=0;msg-param-multimonth-tenure=0;msg-param-should-share-streak=1;msg-param-streak-months=${months};msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan};msg-param-was-gifted=false;`;
    system = `${chatter.displayName} subscribed ${tier}. They've subscribed for ${months} months, currently on a ${months} month streak!`;
    if (random() < 0.6) ({ text, emotes } = createText(random));
  } else if (kind === 'subgift') {
    params = `msg-param-gift-months=1;msg-param-months=${months};msg-param-origin-id=${toHex(random, 20)};msg-param-recipient-display-name=${escapeTag(other.displayName)};msg-param-recipient-id=${other.userId};msg-param-recipient-user-name=${other.login};msg-param-sender-count=${months};msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan === 'Prime' ? '1000' : plan};`;
    system = `${chatter.displayName} gifted a Tier 1 sub to ${other.displayName}!`;
  } else if (kind === 'submysterygift') {
    const count = pick(random, [1, 5, 5, 10, 20, 50]);
    params = `msg-param-mass-gift-count=${count};msg-param-origin-id=${toHex(random, 20)};msg-param-sender-count=${count * 3};msg-param-sub-plan=1000;`;
    system = `${chatter.displayName} is gifting ${count} Tier 1 Subs to ${channel.login}'s community!`;
  } else if (kind === 'raid') {
    const viewers = 1 + Math.floor(random() ** 3 * 5000);
    params = `msg-param-displayName=${escapeTag(chatter.displayName)};msg-param-login=${chatter.login};msg-param-profileImageURL=https://static-cdn.jtvnw.net/jtv_user_pictures/${toUuid(random)}-profile_image-%s.png;msg-param-viewerCount=${viewers};`;
    system = `${viewers} raiders from ${chatter.displayName} have joined!`;
  } else {
    params = `msg-param-color=${pick(random, ['PRIMARY', 'BLUE', 'GREEN', 'ORANGE', 'PURPLE'])};`;
    ({ text, emotes } = createText(random));
  }
  return (
    `@badge-info=${chatter.badgeInfo};badges=${chatter.badges};color=${chatter.color};display-name=${escapeTag(chatter.displayName)};` +
    `emotes=${emotes};flags=;id=${toUuid(random)};login=${chatter.login};mod=${chatter.mod ? 1 : 0};msg-id=${kind};${params}` +
    `room-id=${channel.roomId};subscriber=${chatter.subMonths > 0 ? 1 : 0};system-msg=${escapeTag(system)};tmi-sent-ts=${ts};` +
    `user-id=${chatter.userId};user-type=${chatter.mod ? 'mod' : ''};vip=${chatter.vip ? 1 : 0}` +
    ` :tmi.twitch.tv USERNOTICE #${channel.login}${text ? ` :${text}` : ''}`
  );
}

/** Writes the corpus to `path`, one line per `\n`, gzipped when the path ends in `.gz`; streams with backpressure. */
export async function writeCorpusFile(path: string, options: CorpusOptions): Promise<void> {
  const file = createWriteStream(path);
  const gzip = path.endsWith('.gz') ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const out = gzip ?? file;
  let chunk = '';
  for (const line of generateCorpus(options)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(file, 'finish');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const profile: CorpusProfile = args.includes('--realistic') ? 'realistic' : 'easy';
  const [path, lines = '100000', seed = '1'] = args.filter((a) => a !== '--realistic');
  if (!path) {
    console.error('usage: node --import tsx bench/corpus.ts OUT.log[.gz] [lines=100000] [seed=1] [--realistic]');
    process.exit(2);
  }
  // No top-level await: the module is also loaded by CommonJS-transpiled callers.
  writeCorpusFile(path, { lines: Number(lines), seed: Number(seed), profile }).then(
    () => console.log(`wrote ${lines} lines to ${path}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
