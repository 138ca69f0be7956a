// The realistic corpus: Twitch traffic as a busy multi-channel collector sees it, the hard case for parser,
// import and store. 40 channels whose traffic follows Zipf's law (the first has a fifth of all lines), 250,000
// chatters (each channel's audience a Zipf-distributed slice of them, some chatting in several channels),
// every tag Twitch sends (badges and badge-info, emotes, reply and thread tags, bits, first-msg,
// returning-chatter, client-nonce, automod flags, hype chat, channel-point rewards, highlighted messages,
// shared chat), emote walls, CJK and emoji text (surrogate pairs, ZWJ sequences; emote offsets in code points as
// Twitch counts them), long copypastas, and USERNOTICE (12 kinds), CLEARCHAT and CLEARMSG mixed in.
// Shapes follow the captured IRC lines in test/fixtures/twitch/irc (sources in its MANIFEST.md).

import type { CorpusOptions } from './corpus.ts';
import { createRandom, escapeTag, pick, type Random, toHex, toUuid } from './corpus-parts.ts';

/** How big the realistic corpus' world is. */
export const realisticChannels = 40;
export const realisticChatters = 250_000;

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
  ['Keepo', '1902'],
  ['KEKW', 'emotesv2_2d4c2f5d7e2a4c0b9e7f3f5d8a6b1c2d'],
  ['catJAM', 'emotesv2_5b1d0f0c8c3e4f7a9a1b2c3d4e5f6a7b'],
  ['pajaM_TK', '300196486_TK'],
];
const WORDS = (
  'gg wp lol that was insane no way clip it chat is this real what just happened let him cook hello everyone ' +
  'first time here love the stream how long have you been live which game is next the boss fight was close ' +
  'again bro missed it W L ratio true monkaS omegalul actually based streamer please do the thing again ' +
  'song name? backseating is crazy today the aim though who else is watching at 3am'
).split(' ');
const CJK = [
  'ナイス',
  'すごい',
  '草',
  'おつかれさま',
  '너무 웃겨',
  'ㅋㅋㅋㅋ',
  '대박',
  '加油',
  '哈哈哈哈',
  '太强了',
  '好きです',
  '안녕하세요',
];
const EMOJI = ['😂', '👉', '🔥', '❤️', '😭', '🫣', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '💀', '✨', 'ñ', 'é', 'ß'];
const COLORS = ['#FF0000', '#0000FF', '#008000', '#B22222', '#FF7F50', '#9ACD32', '#FF4500', '#2E8B57', '#DAA520'];
const NAME_PARTS = ['dark', 'pixel', 'nova', 'lazy', 'king', 'frost', 'moon', 'tiny', 'mega', 'silent', 'retro', 'neo'];
const NAME_ENDS = ['wolf', 'gamer', 'cat', 'ninja', 'fox', 'tv', 'dude', 'panda', 'sniper', 'bean', 'xd', '_'];
const COPYPASTA =
  'I am once again asking chat to stop backseating the streamer, he has played this game for 400 hours and ' +
  'knows exactly what he is doing, every time you type "go left" a kitten loses its favourite ball of yarn ';

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

/** A chatter from its number alone (its own seeded draws), so 250,000 of them need no memory up front. */
function createChatter(seed: number, index: number): Chatter {
  const random = createRandom(seed * 7_919 + index * 104_729 + 1);
  const base = `${pick(random, NAME_PARTS)}${pick(random, NAME_ENDS)}${index}`;
  const styled = random() < 0.5 ? base : base[0]!.toUpperCase() + base.slice(1);
  const roll = random();
  const displayName =
    roll < 0.03 ? `테스트${index}` : roll < 0.04 ? `ゲーマー${index}` : roll < 0.045 ? `${styled} ` : styled;
  const subMonths = random() < 0.3 ? 1 + Math.floor(random() * 80) : 0;
  const mod = random() < 0.005;
  const vip = !mod && random() < 0.005;
  const badges: string[] = [];
  const badgeInfo: string[] = [];
  if (mod) badges.push('moderator/1');
  if (vip) badges.push('vip/1');
  if (subMonths > 0) {
    badges.push(
      `subscriber/${subMonths >= 24 ? 3024 : subMonths >= 12 ? 12 : subMonths >= 6 ? 6 : subMonths >= 3 ? 3 : 0}`,
    );
    badgeInfo.push(`subscriber/${subMonths}`);
  }
  if (random() < 0.05) {
    badges.push('predictions/blue-1');
    badgeInfo.push('predictions/Day\\s53/53\\sforsenSmug');
  }
  if (random() < 0.15)
    badges.push(pick(random, ['premium/1', 'bits/100', 'bits/1000', 'sub-gifter/5', 'glhf-pledge/1']));
  if (random() < 0.05)
    badges.push(pick(random, ['twitchconAmsterdam2020/1', 'hello_neighbor_1/1', 'raging-wolf-helm/1']));
  return {
    login: base,
    displayName,
    userId: String(10_000_000 + index * 3_571),
    color: random() < 0.7 ? pick(random, COLORS) : '',
    subMonths,
    badges: badges.join(','),
    badgeInfo: badgeInfo.join(','),
    mod,
    vip,
    turbo: random() < 0.01,
  };
}

/** A bounded Zipf draw in [0, n): rank r with probability ∝ 1/(r+1)^s (inverse CDF of the continuous law). */
function drawZipf(random: Random, n: number, s: number): number {
  const u = random();
  if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
  const a = 1 - s;
  return Math.min(n - 1, Math.floor(((n + 1) ** a * u + (1 - u)) ** (1 / a) - 1));
}

/** Text plus the emotes tag Twitch would send for it (code-point offsets, end inclusive, grouped by id). */
function createText(random: Random): { text: string; emotes: string } {
  const kind = random();
  if (kind < 0.01) return { text: COPYPASTA.repeat(1 + Math.floor(random() * 2)).trimEnd(), emotes: '' };
  const wall = kind < 0.08; // emote walls: one emote many times
  const withEmotes = wall || random() < 0.4;
  const cjk = random() < 0.12;
  const count = wall ? 5 + Math.floor(random() * 25) : 1 + Math.floor(random() * (withEmotes ? 8 : 14));
  const wallEmote = pick(random, EMOTES);
  const parts: string[] = [];
  const byId = new Map<string, string[]>();
  let position = 0;
  for (let i = 0; i < count; i++) {
    let token: string;
    const roll = random();
    if (wall || (withEmotes && roll < 0.45)) {
      const [code, id] = wall ? wallEmote : pick(random, EMOTES);
      token = code;
      const list = byId.get(id) ?? [];
      list.push(`${position}-${position + [...code].length - 1}`);
      byId.set(id, list);
    } else if (roll < 0.6) token = pick(random, EMOJI);
    else if (cjk) token = pick(random, CJK);
    else token = pick(random, WORDS);
    parts.push(token);
    position += [...token].length + 1;
  }
  const emotes = [...byId].map(([id, ranges]) => `${id}:${ranges.join(',')}`).join('/');
  return { text: parts.join(' '), emotes };
}

interface Channel {
  login: string;
  roomId: string;
  /** The slice of the chatter numbers that is this channel's audience. */
  audienceStart: number;
  audienceSize: number;
}

interface Recent {
  id: string;
  chatter: Chatter;
  text: string;
}

/** Yields `lines` IRC lines (without CRLF) of the realistic corpus. */
export function* generateRealisticCorpus(options: CorpusOptions): Generator<string> {
  const random = createRandom(options.seed);
  const channelCount = Math.max(1, options.channels ?? realisticChannels);
  const chatterCount = options.chatters ?? realisticChatters;
  // Audiences sized like the traffic (Zipf, s = 1), laid side by side over the chatter numbers and widened by
  // half so neighbours overlap: some chatters are regulars in two channels.
  const weights = Array.from({ length: channelCount }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let start = 0;
  const channels: Channel[] = weights.map((w, i) => {
    const size = Math.max(50, Math.round((w / total) * chatterCount));
    const channel = {
      login: i === 0 ? 'streamlens_demo' : `${pick(random, NAME_PARTS)}streamer${i}`,
      roomId: String(100_000_000 + Math.floor(random() * 800_000_000)),
      audienceStart: start,
      audienceSize: Math.min(chatterCount - start, Math.round(size * 1.5)),
    };
    start = Math.min(chatterCount - 50, start + size);
    return channel;
  });
  const cache = new Map<number, Chatter>();
  const chatterAt = (index: number): Chatter => {
    let c = cache.get(index);
    if (!c) {
      if (cache.size >= 50_000) cache.clear();
      c = createChatter(options.seed, index);
      cache.set(index, c);
    }
    return c;
  };
  const recent = new Map<Channel, Recent[]>();
  let ts = options.startTs ?? Date.UTC(2024, 5, 1, 18, 0, 0);

  for (let n = 0; n < options.lines; n++) {
    ts += Math.floor(random() * 8);
    const channel = channels[drawZipf(random, channelCount, 1)]!;
    const chatter = chatterAt(channel.audienceStart + drawZipf(random, channel.audienceSize, 0.9));
    const channelRecent = recent.get(channel) ?? [];
    recent.set(channel, channelRecent);
    const roll = random();
    if (roll < 0.0003) {
      yield 'PING :tmi.twitch.tv';
    } else if (roll < 0.0013) {
      const timeout = random() < 0.8;
      const duration = timeout ? `ban-duration=${pick(random, [1, 60, 600, 86400])};` : '';
      yield random() < 0.05
        ? `@room-id=${channel.roomId};tmi-sent-ts=${ts} :tmi.twitch.tv CLEARCHAT #${channel.login}`
        : `@${duration}room-id=${channel.roomId};target-user-id=${chatter.userId};tmi-sent-ts=${ts} :tmi.twitch.tv CLEARCHAT #${channel.login} :${chatter.login}`;
    } else if (roll < 0.0023 && channelRecent.length > 0) {
      const target = pick(random, channelRecent);
      yield `@login=${target.chatter.login};room-id=;target-msg-id=${target.id};tmi-sent-ts=${ts} :tmi.twitch.tv CLEARMSG #${channel.login} :${target.text}`;
    } else if (roll < 0.0223) {
      const other = chatterAt(channel.audienceStart + drawZipf(random, channel.audienceSize, 0.9));
      yield createUserNotice(random, channel, chatter, other, ts);
    } else {
      const id = toUuid(random);
      const { text, line } = createPrivmsg(random, channel, channels, chatter, id, ts, channelRecent);
      channelRecent.push({ id, chatter, text });
      if (channelRecent.length > 50) channelRecent.shift();
      yield line;
    }
  }
}

function createPrivmsg(
  random: Random,
  channel: Channel,
  channels: readonly Channel[],
  chatter: Chatter,
  id: string,
  ts: number,
  recent: readonly Recent[],
): { text: string; line: string } {
  let { text, emotes } = createText(random);
  let extra = '';
  if (random() < 0.01) {
    const amount = pick(random, [1, 100, 500, 1000, 5000]);
    text = `Cheer${amount} ${text}`;
    extra += `bits=${amount};`;
    emotes = '';
  }
  const reply = recent.length > 0 && random() < 0.05 ? pick(random, recent) : undefined;
  if (reply) {
    text = `@${reply.chatter.displayName.trimEnd()} ${text}`;
    emotes = '';
  }
  if (random() < 0.002) extra += `custom-reward-id=${toUuid(random)};`;
  if (random() < 0.001) extra += 'msg-id=highlighted-message;';
  if (random() < 0.001)
    extra +=
      'pinned-chat-paid-amount=1400;pinned-chat-paid-canonical-amount=1400;pinned-chat-paid-currency=NOK;' +
      'pinned-chat-paid-exponent=2;pinned-chat-paid-is-system-message=0;pinned-chat-paid-level=ONE;';
  if (random() < 0.01) {
    const source = pick(random, channels);
    extra += `source-badge-info=;source-badges=moderator/1;source-id=${toUuid(random)};source-room-id=${source.roomId};`;
  }
  const flags = random() < 0.01 ? `0-${Math.min(4, [...text].length - 1)}:P.6` : '';
  const action = random() < 0.02;
  const body = action ? `\u0001ACTION ${text}\u0001` : text;
  const replyTags = reply
    ? `reply-parent-display-name=${escapeTag(reply.chatter.displayName)};reply-parent-msg-body=${escapeTag(reply.text)};` +
      `reply-parent-msg-id=${reply.id};reply-parent-user-id=${reply.chatter.userId};reply-parent-user-login=${reply.chatter.login};` +
      `reply-thread-parent-display-name=${escapeTag(reply.chatter.displayName)};reply-thread-parent-msg-id=${reply.id};` +
      `reply-thread-parent-user-id=${reply.chatter.userId};reply-thread-parent-user-login=${reply.chatter.login};`
    : '';
  const nonce = random() < 0.85 ? `client-nonce=${toHex(random, 32)};` : '';
  const firstMsg = random() < 0.02 ? 1 : 0;
  const returning = firstMsg === 0 && random() < 0.03 ? 1 : 0;
  const line =
    `@badge-info=${chatter.badgeInfo};badges=${chatter.badges};${extra}${nonce}color=${chatter.color};` +
    `display-name=${escapeTag(chatter.displayName)};emotes=${emotes};first-msg=${firstMsg};flags=${flags};id=${id};` +
    `mod=${chatter.mod ? 1 : 0};${replyTags}returning-chatter=${returning};room-id=${channel.roomId};` +
    `subscriber=${chatter.subMonths > 0 ? 1 : 0};tmi-sent-ts=${ts};turbo=${chatter.turbo ? 1 : 0};` +
    `user-id=${chatter.userId};user-type=${chatter.mod ? 'mod' : ''}${chatter.vip ? ';vip=1' : ''}` +
    ` :${chatter.login}!${chatter.login}@${chatter.login}.tmi.twitch.tv PRIVMSG #${channel.login} :${body}`;
  return { text, line };
}

function createUserNotice(random: Random, channel: Channel, chatter: Chatter, other: Chatter, ts: number): string {
  const kind = pick(random, [
    'sub',
    'resub',
    'resub',
    'resub',
    'subgift',
    'subgift',
    'submysterygift',
    'raid',
    'announcement',
    'viewermilestone',
    'bitsbadgetier',
    'giftpaidupgrade',
  ]);
  const plan = pick(random, ['1000', '1000', '2000', '3000', 'Prime']);
  const tier = plan === 'Prime' ? 'with Prime' : `at Tier ${plan[0]}`;
  const months = 1 + Math.floor(random() * 60);
  const planName = `Channel Subscription (${channel.login})`;
  let params = '';
  let system = '';
  let text = '';
  let emotes = '';
  if (kind === 'sub') {
    params = `msg-param-cumulative-months=1;msg-param-months=0;msg-param-multimonth-duration=1;msg-param-multimonth-tenure=0;msg-param-should-share-streak=0;msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan};msg-param-was-gifted=false;`;
    system = `${chatter.displayName} subscribed ${tier}.`;
  } else if (kind === 'resub') {
    params = `msg-param-cumulative-months=${months};msg-param-months=0;msg-param-multimonth-duration=0;msg-param-multimonth-tenure=0;msg-param-should-share-streak=1;msg-param-streak-months=${months};msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan};msg-param-was-gifted=false;`;
    system = `${chatter.displayName} subscribed ${tier}. They've subscribed for ${months} months, currently on a ${months} month streak!`;
    if (random() < 0.7) ({ text, emotes } = createText(random));
  } else if (kind === 'subgift') {
    params = `msg-param-gift-months=1;msg-param-months=${months};msg-param-origin-id=${toHex(random, 20)};msg-param-recipient-display-name=${escapeTag(other.displayName)};msg-param-recipient-id=${other.userId};msg-param-recipient-user-name=${other.login};msg-param-sender-count=${months};msg-param-sub-plan-name=${escapeTag(planName)};msg-param-sub-plan=${plan === 'Prime' ? '1000' : plan};`;
    system = `${chatter.displayName} gifted a Tier 1 sub to ${other.displayName}!`;
  } else if (kind === 'submysterygift') {
    const count = pick(random, [1, 5, 5, 10, 20, 50, 100]);
    params = `msg-param-mass-gift-count=${count};msg-param-origin-id=${toHex(random, 20)};msg-param-sender-count=${count * 3};msg-param-sub-plan=1000;`;
    system = `${chatter.displayName} is gifting ${count} Tier 1 Subs to ${channel.login}'s community!`;
  } else if (kind === 'raid') {
    const viewers = 1 + Math.floor(random() ** 3 * 20_000);
    params = `msg-param-displayName=${escapeTag(chatter.displayName)};msg-param-login=${chatter.login};msg-param-profileImageURL=https://static-cdn.jtvnw.net/jtv_user_pictures/${toUuid(random)}-profile_image-%s.png;msg-param-viewerCount=${viewers};`;
    system = `${viewers} raiders from ${chatter.displayName} have joined!`;
  } else if (kind === 'viewermilestone') {
    params = `msg-param-category=watch-streak;msg-param-copoReward=450;msg-param-id=${toUuid(random)};msg-param-value=${pick(random, [3, 5, 10, 15, 20])};`;
    system = `${chatter.displayName} watched 10 consecutive streams and sparked a watch streak!`;
    if (random() < 0.5) ({ text, emotes } = createText(random));
  } else if (kind === 'bitsbadgetier') {
    params = `msg-param-threshold=${pick(random, [1000, 5000, 10000])};`;
    system = 'bits badge tier notification';
  } else if (kind === 'giftpaidupgrade') {
    params = `msg-param-sender-login=${other.login};msg-param-sender-name=${escapeTag(other.displayName)};`;
    system = `${chatter.displayName} is continuing the Gift Sub they got from ${other.displayName}!`;
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
