// What the simulator emits, before it is written in a wire format: chat lines, chat notices (USERNOTICE,
// CLEARCHAT, CLEARMSG) and EventSub events. The IRC and EventSub servers and the history generator all read these.

import type { EpochMs } from '../../domain.ts';
import type { Chatter, SimChannel, SimStream } from '../scenario/build-world.ts';
import type { Category } from '../scenario/scenario-schema.ts';

export interface SimEmote {
  id: string;
  /** Code-point offsets into the text (without ACTION framing), end inclusive, as Twitch counts them. */
  start: number;
  end: number;
}

export interface SimChatLine {
  id: string;
  ts: EpochMs;
  channel: SimChannel;
  streamId: string | null;
  chatter: Chatter;
  text: string;
  isAction: boolean;
  bits: number;
  emotes: SimEmote[];
  firstMsg: boolean;
  returningChatter: boolean;
  /** Set when this line is a question (used for planting answers). */
  question: boolean;
  replyTo: { id: string; chatter: Chatter; text: string } | null;
}

export type SimEvent =
  | { kind: 'chat'; ts: EpochMs; line: SimChatLine }
  | {
      kind: 'usernotice';
      ts: EpochMs;
      id: string;
      channel: SimChannel;
      streamId: string | null;
      msgId: string;
      chatter: Chatter;
      systemMsg: string;
      params: Record<string, string>;
      text: string | null;
    }
  | {
      kind: 'clearchat';
      ts: EpochMs;
      id: string;
      channel: SimChannel;
      streamId: string | null;
      target: Chatter;
      /** Seconds for a timeout; null for a permanent ban. */
      durationSec: number | null;
    }
  | { kind: 'clearmsg'; ts: EpochMs; id: string; channel: SimChannel; streamId: string | null; target: SimChatLine }
  | {
      kind: 'eventsub';
      ts: EpochMs;
      /** Unique per event; notification message ids derive from it and the subscription id. */
      id: string;
      channel: SimChannel;
      streamId: string | null;
      type: string;
      version: string;
      /** The `event` object exactly as EventSub sends it. */
      event: Record<string, unknown>;
      /** For channel.raid: which side this channel is on (condition matching). */
      raid?: { fromId: string; toId: string };
    }
  | {
      /** A viewer clips the stream (Helix Get Clips lists it from `ts`). */
      kind: 'clip';
      ts: EpochMs;
      id: string;
      channel: SimChannel;
      streamId: string | null;
      stream: SimStream;
      creator: Chatter;
      title: string;
      durationSec: number;
    }
  | { kind: 'stream-online'; ts: EpochMs; channel: SimChannel; stream: SimStream }
  | { kind: 'stream-update'; ts: EpochMs; channel: SimChannel; stream: SimStream; title: string; category: Category }
  | { kind: 'stream-offline'; ts: EpochMs; channel: SimChannel; stream: SimStream }
  | { kind: 'viewers'; ts: EpochMs; channel: SimChannel; stream: SimStream; count: number };

/** The chat-event type a notice is stored under (`ChatEvent.type`), or null for other events. */
export function toChatEventType(event: SimEvent): string | null {
  if (event.kind === 'usernotice') return event.msgId;
  if (event.kind === 'clearchat') return event.durationSec === null ? 'ban' : 'timeout';
  if (event.kind === 'clearmsg') return 'delete';
  return null;
}

/** The channel an emission belongs to. */
export function channelOf(event: SimEvent): SimChannel {
  return event.kind === 'chat' ? event.line.channel : event.channel;
}
