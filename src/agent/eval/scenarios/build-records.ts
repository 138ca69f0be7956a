// A small deterministic builder of domain records for the eval's scenarios: channels, streams with a viewer
// curve (one snapshot a minute), chat lines, chat and channel events, what the streamer said. Each chatter's first line in a channel
// carries Twitch's `first-msg` tag and later ones `returning-chatter`, as Twitch would set them.

import type {
  ChannelEvent,
  ChatEvent,
  ChatMessage,
  Stream,
  StreamSnapshot,
  TranscriptSegment,
} from '../../../domain.ts';
import type { WriteBatch } from '../../../store/store.ts';

export const MIN = 60_000;
export const DAY = 86_400_000;

/** A seeded generator in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedStream {
  id: string;
  channelId: string;
  startedAt: number;
  minutes: number;
  title: string;
  /** The category at a minute. */
  game: (minute: number) => string;
  viewers: (minute: number) => number;
  /** Still live: no end yet (snapshots up to `minutes`). */
  live?: boolean;
}

const filler = ['nice', 'gg', 'lets go', 'that was close', 'good move', 'hmm', 'true', 'nice one', 'hi all', 'clean'];

/** Collects records and hands them out as write batches (channels and streams first). */
export class RecordsBuilder {
  readonly random: () => number;
  private readonly streams: Stream[] = [];
  private readonly snapshots: StreamSnapshot[] = [];
  private readonly messages: ChatMessage[] = [];
  private readonly chatEvents: ChatEvent[] = [];
  private readonly channelEvents: ChannelEvent[] = [];
  private readonly transcript: TranscriptSegment[] = [];
  private readonly channels: { id: string; login: string; displayName: string }[] = [];
  private seq = 0;

  constructor(seed: number) {
    this.random = createRandom(seed);
  }

  channel(id: string, login: string): void {
    this.channels.push({ id, login, displayName: login });
  }

  /** A stream (finished unless `live`) with one snapshot a minute. */
  stream(plan: PlannedStream): void {
    this.streams.push({
      id: plan.id,
      channelId: plan.channelId,
      startedAt: plan.startedAt,
      endedAt: plan.live ? null : plan.startedAt + plan.minutes * MIN,
      title: plan.title,
      gameId: null,
      gameName: plan.game(plan.minutes),
      language: 'en',
      tags: [],
      vodId: null,
    });
    for (let m = 0; m <= plan.minutes; m++)
      this.snapshots.push({
        channelId: plan.channelId,
        streamId: plan.id,
        ts: plan.startedAt + m * MIN + 5_000,
        viewerCount: Math.round(plan.viewers(m)),
        title: plan.title,
        gameId: null,
        gameName: plan.game(m),
      });
  }

  /** A chat line; returns its id (for replies). */
  say(
    plan: Pick<PlannedStream, 'id' | 'channelId' | 'startedAt'>,
    atMs: number,
    login: string,
    text: string,
    extra: Partial<ChatMessage> = {},
  ): string {
    const id = `m-${plan.id}-${++this.seq}`;
    this.messages.push({
      id,
      channelId: plan.channelId,
      streamId: plan.id,
      ts: plan.startedAt + atMs,
      userId: login === this.loginOf(plan.channelId) ? plan.channelId : `u-${login}`,
      userLogin: login,
      displayName: login,
      text,
      isAction: false,
      bits: 0,
      emotes: [],
      badges: [],
      firstMsg: false,
      returningChatter: false,
      replyParentId: null,
      replyParentUserLogin: null,
      sourceChannelId: null,
      color: null,
      deletedAt: null,
      ...extra,
    });
    return id;
  }

  /** Background chat: about `perMinute` lines a minute from `chatters` (earlier ones more often). */
  fillChat(
    plan: PlannedStream,
    chatters: readonly string[],
    perMinute: number,
    skip: (minute: number) => boolean = () => false,
  ): void {
    for (let m = 0; m < plan.minutes; m++) {
      if (skip(m)) continue;
      let n = Math.floor(perMinute);
      if (this.random() < perMinute - n) n++;
      for (let i = 0; i < n; i++) {
        const who = chatters[Math.floor(this.random() ** 1.6 * chatters.length)]!;
        this.say(
          plan,
          m * MIN + Math.floor(this.random() * 59_000),
          who,
          filler[Math.floor(this.random() * filler.length)]!,
        );
      }
    }
  }

  chatEvent(
    plan: Pick<PlannedStream, 'id' | 'channelId' | 'startedAt'>,
    atMs: number,
    type: string,
    login: string,
    data: Record<string, unknown> = {},
  ): void {
    this.chatEvents.push({
      id: `ce-${plan.id}-${++this.seq}`,
      channelId: plan.channelId,
      streamId: plan.id,
      ts: plan.startedAt + atMs,
      type,
      userId: `u-${login}`,
      userLogin: login,
      data,
    });
  }

  channelEvent(
    plan: Pick<PlannedStream, 'id' | 'channelId' | 'startedAt'>,
    atMs: number,
    type: string,
    login: string | null,
    data: Record<string, unknown> = {},
  ): void {
    this.channelEvents.push({
      id: `ev-${plan.id}-${++this.seq}`,
      channelId: plan.channelId,
      streamId: plan.id,
      ts: plan.startedAt + atMs,
      type,
      userId: login ? `u-${login}` : null,
      userLogin: login,
      data,
    });
  }

  private loginOf(channelId: string): string | undefined {
    return this.channels.find((c) => c.id === channelId)?.login;
  }

  /** Everything, with Twitch's first-msg / returning-chatter tags set per channel from the lines' order. */
  /** What the streamer said at `atMs` (a 5-second transcript line, confidence 0.9). */
  said(plan: Pick<PlannedStream, 'id' | 'channelId' | 'startedAt'>, atMs: number, text: string): void {
    this.transcript.push({
      id: `tr-${plan.id}-${++this.seq}`,
      channelId: plan.channelId,
      streamId: plan.id,
      startTs: plan.startedAt + atMs,
      endTs: plan.startedAt + atMs + 5_000,
      text,
      confidence: 0.9,
      engine: 'eval',
    });
  }

  build(): WriteBatch[] {
    const seen = new Set<string>();
    const messages = [...this.messages].sort((a, b) => a.ts - b.ts);
    for (const m of messages) {
      const key = `${m.channelId}:${m.userId}`;
      m.firstMsg = !seen.has(key);
      m.returningChatter = seen.has(key);
      seen.add(key);
    }
    const batches: WriteBatch[] = [{ channels: this.channels, streams: this.streams }, { snapshots: this.snapshots }];
    for (let i = 0; i < messages.length; i += 2000) batches.push({ chatMessages: messages.slice(i, i + 2000) });
    batches.push({
      chatEvents: this.chatEvents,
      channelEvents: this.channelEvents,
      transcriptSegments: this.transcript,
    });
    return batches;
  }
}
