// Plans one minute of one live stream: how many lines chat writes (∝ viewers), who writes them, planted
// bursts, scheduled and random events, and the broadcaster answering some questions. Deterministic: the
// minute's draws come from a generator seeded by (seed, channel, stream, minute), and the only state carried
// between minutes is who has ever chatted (for first-msg) and the last few lines.

import type { EpochMs } from '../../domain.ts';
import { createRandom, hashSeed } from '../random.ts';
import type { Chatter, SimChannel, SimStream } from '../scenario/build-world.ts';
import { streamerAnswers } from '../scenario/chat-vocabulary.ts';
import { eventTypes } from '../scenario/scenario-schema.ts';
import { composeBurstLine, composeChatLine, joinTokens, pickLineKind } from './compose-chat-line.ts';
import { expandEvent, pickChatter } from './expand-event.ts';
import type { SimChatLine, SimEvent } from './sim-event.ts';
import { getViewerCount } from './viewer-count.ts';

/** What a channel's chat remembers from minute to minute. */
export interface ChannelChatState {
  /** Chatter ids that have ever written in this channel. */
  spoken: Set<string>;
  /** Chatter ids that wrote during the current stream. */
  spokenThisStream: Set<string>;
  streamId: string | null;
  recent: SimChatLine[];
}

/** A fresh chat state: regulars count as having chatted before (they are not first-timers). */
export function createChatState(channel: SimChannel): ChannelChatState {
  return {
    spoken: new Set(channel.regulars.map((c) => c.id)),
    spokenThisStream: new Set(),
    streamId: null,
    recent: [],
  };
}

/** Every emission of minute `minute` of `stream`, sorted by time. */
export function planMinute(
  seed: number,
  channel: SimChannel,
  stream: SimStream,
  minute: number,
  state: ChannelChatState,
): SimEvent[] {
  if (state.streamId !== stream.id) {
    state.streamId = stream.id;
    state.spokenThisStream.clear();
  }
  // Seeded by the broadcast's start too: its chat (and the ids of its messages) is its own, as on Twitch.
  const random = createRandom(hashSeed(seed, 'minute', channel.index, stream.index, stream.startAt, minute));
  const from = stream.startAt + minute * 60_000;
  const to = Math.min(from + 60_000, stream.endAt);
  if (to <= from) return [];
  const span = to - from;
  const viewers = getViewerCount(seed, channel, stream, from + span / 2);
  const at = (lo: EpochMs, hi: EpochMs) => lo + Math.floor(random.next() * Math.max(1, hi - lo));

  type Slot = { ts: EpochMs; burst?: { emotes: string[]; lines: string[] } };
  const slots: Slot[] = [];
  const count = random.poisson(viewers * channel.chat.messagesPerViewerPerMinute * (span / 60_000));
  for (let i = 0; i < count; i++) slots.push({ ts: at(from, to) });
  for (const moment of stream.moments) {
    const lo = Math.max(from, stream.startAt + moment.at);
    const hi = Math.min(to, stream.startAt + moment.at + moment.duration);
    if (hi <= lo) continue;
    const n = random.poisson(moment.messagesPerMinute * ((hi - lo) / 60_000));
    for (let i = 0; i < n; i++) slots.push({ ts: at(lo, hi), burst: { emotes: moment.emotes, lines: moment.lines } });
  }
  slots.sort((a, b) => a.ts - b.ts);

  const out: SimEvent[] = [];
  for (const slot of slots) {
    const chatter = pickChatter(random, channel);
    const firstInStream = !state.spokenThisStream.has(chatter.id);
    const kind = slot.burst ? 'burst' : pickLineKind(random, firstInStream);
    const composed = slot.burst
      ? composeBurstLine(random, channel.chat, slot.burst.emotes, slot.burst.lines)
      : composeChatLine(random, channel.chat, kind === 'burst' ? 'general' : kind);
    const parent =
      !slot.burst && state.recent.length > 0 && random.chance(channel.chat.replyRate)
        ? random.pick(state.recent)
        : null;
    const line = makeLine(random.uuid(), slot.ts, channel, stream, chatter, state, composed, parent);
    line.question = kind === 'question';
    line.isAction = !slot.burst && random.chance(channel.chat.actionRate);
    out.push({ kind: 'chat', ts: line.ts, line });
    remember(state, line);
    if (line.question && random.chance(channel.chat.answerRate)) {
      const answerTs = Math.min(line.ts + random.int(5_000, 40_000), stream.endAt - 1);
      const answer = makeLine(
        random.uuid(),
        answerTs,
        channel,
        stream,
        channel.broadcaster,
        state,
        joinTokens(channel.chat, [random.pick(streamerAnswers)]),
        line,
      );
      out.push({ kind: 'chat', ts: answer.ts, line: answer });
    }
  }

  const ctx = { random, channel, stream, recent: state.recent };
  for (const event of stream.events) {
    const ts = stream.startAt + event.at;
    if (ts >= from && ts < to) out.push(...expandEvent({ ...ctx, ts }, event));
  }
  for (const type of eventTypes) {
    const perHour = stream.eventRates[type] ?? 0;
    for (let n = random.poisson((perHour * span) / 3_600_000); n > 0; n--)
      out.push(...expandEvent({ ...ctx, ts: at(from, to) }, { type }));
  }
  return out.sort((a, b) => a.ts - b.ts);
}

function makeLine(
  id: string,
  ts: EpochMs,
  channel: SimChannel,
  stream: SimStream,
  chatter: Chatter,
  state: ChannelChatState,
  composed: { text: string; emotes: SimChatLine['emotes'] },
  parent: SimChatLine | null,
): SimChatLine {
  const isBroadcaster = chatter.id === channel.id;
  const prefix = parent ? `@${parent.chatter.displayName} ` : '';
  const shift = [...prefix].length;
  return {
    id,
    ts,
    channel,
    streamId: stream.id,
    chatter,
    text: prefix + composed.text,
    isAction: false,
    bits: 0,
    emotes: composed.emotes.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })),
    firstMsg: !isBroadcaster && !state.spoken.has(chatter.id),
    returningChatter: chatter.regular && !isBroadcaster,
    question: false,
    replyTo: parent ? { id: parent.id, chatter: parent.chatter, text: parent.text } : null,
  };
}

function remember(state: ChannelChatState, line: SimChatLine): void {
  state.spoken.add(line.chatter.id);
  state.spokenThisStream.add(line.chatter.id);
  state.recent.push(line);
  if (state.recent.length > 20) state.recent.shift();
}
