// The driver: walks every channel's timeline along the simulated clock and hands each emission to where it
// belongs — IRC lines to the chat hub, notifications to EventSub, stream and viewer changes to the live state
// Helix reads — recording all of it in the ledger, and fires the scenario's socket faults on time.

import type { EventsubRegistry } from './eventsub/eventsub-registry.ts';
import type { LiveState } from './helix/live-state.ts';
import { formatEventLine } from './irc/format-irc-line.ts';
import type { IrcHub } from './irc/irc-hub.ts';
import type { SimWorld } from './scenario/build-world.ts';
import type { ScenarioFault } from './scenario/scenario-schema.ts';
import type { SimClock } from './sim-clock.ts';
import type { SimLedger } from './sim-ledger.ts';
import { planChannelTimeline } from './timeline/plan-timeline.ts';
import { channelOf, type SimEvent, toChatEventType } from './timeline/sim-event.ts';

export interface ScenarioDriverOptions {
  world: SimWorld;
  clock: SimClock;
  live: LiveState;
  ledger: SimLedger;
  irc: IrcHub;
  eventsub: EventsubRegistry;
  faults: ScenarioFault[];
  /** The URL clients reconnect to after session_reconnect. */
  eventsubUrl: string;
  /** Real ms between driver ticks. */
  tickMs?: number;
  /** Real ms to wait after the last emission before `done` resolves. */
  graceMs?: number;
}

export interface ScenarioDriver {
  /** Resolves when every stream has ended (plus the grace). */
  done: Promise<void>;
  stop(): void;
}

/** Starts walking the scenario; stop() halts it (done then never resolves on its own). */
export function startScenarioDriver(options: ScenarioDriverOptions): ScenarioDriver {
  const { world, clock, live, ledger, irc, eventsub } = options;
  const timelines = world.channels.map((channel) => {
    const iterator = planChannelTimeline(world, channel);
    return { iterator, next: iterator.next() };
  });
  const faults = [...options.faults].filter((f) => !f.type.startsWith('helix')).sort((a, b) => a.at - b.at);
  let faultIndex = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const apply = (event: SimEvent) => {
    const channel = channelOf(event);
    const state = live.byId.get(channel.id)!;
    const login = channel.login;
    switch (event.kind) {
      case 'stream-online':
        Object.assign(state, {
          stream: event.stream,
          title: event.stream.title,
          category: event.stream.category,
          language: event.stream.language,
          tags: event.stream.tags,
        });
        // Twitch lists a broadcast's archive video (type=archive, its stream_id) from the moment it goes live.
        if (!state.archived.includes(event.stream)) state.archived.push(event.stream);
        ledger.recordStreamStart(login, event.stream.id, event.ts);
        return;
      case 'stream-update':
        Object.assign(state, { title: event.title, category: event.category });
        return;
      case 'viewers':
        state.viewers = event.count;
        ledger.recordViewers(login, event.ts, event.count);
        return;
      case 'stream-offline':
        Object.assign(state, { stream: null, viewers: 0 });
        ledger.recordStreamEnd(login, event.stream.id, event.ts);
        return;
      case 'eventsub':
        if (event.type === 'channel.follow') {
          const e = event.event as { user_id: string; user_login: string; user_name: string };
          state.followers.push({ userId: e.user_id, login: e.user_login, name: e.user_name, followedAt: event.ts });
        }
        eventsub.publish(event);
        return;
      case 'clip':
        state.clips.push({
          id: event.id,
          stream: event.stream,
          creatorId: event.creator.id,
          creatorName: event.creator.displayName,
          title: event.title,
          gameId: state.category?.id ?? '',
          createdAt: event.ts,
          durationSec: event.durationSec,
          viewCount: 1,
        });
        ledger.recordClip(login, event.id, event.ts);
        return;
      case 'chat': {
        const delivered = irc.deliver(login, 'PRIVMSG', formatEventLine(event)!);
        ledger.recordChatMessage(login, event.line.id, delivered, irc.isCut(login), irc.wasJoined(login));
        state.lastSeen.set(event.line.chatter.id, { chatter: event.line.chatter, ts: event.ts });
        return;
      }
      default: {
        const command =
          event.kind === 'usernotice' ? 'USERNOTICE' : event.kind === 'clearchat' ? 'CLEARCHAT' : 'CLEARMSG';
        const delivered = irc.deliver(login, command, formatEventLine(event)!);
        ledger.recordChatEvent(login, toChatEventType(event)!, event.id, delivered, irc.isCut(login));
      }
    }
  };

  const tick = () => {
    if (stopped) return;
    const now = clock.now();
    while (faultIndex < faults.length && world.startAt + faults[faultIndex]!.at <= now) {
      const fault = faults[faultIndex++]!;
      if (fault.type === 'irc-drop') irc.dropAll();
      if (fault.type === 'irc-reconnect') irc.reconnectAll();
      if (fault.type === 'eventsub-reconnect') eventsub.reconnectAll(options.eventsubUrl);
      if (fault.type === 'eventsub-drop') eventsub.dropAll();
    }
    let remaining = 0;
    for (const timeline of timelines) {
      while (!timeline.next.done && timeline.next.value.ts <= now) {
        apply(timeline.next.value);
        timeline.next = timeline.iterator.next();
      }
      if (!timeline.next.done) remaining++;
    }
    if (remaining === 0) {
      const grace = setTimeout(resolveDone, options.graceMs ?? 250);
      grace.unref();
      return;
    }
    timer = setTimeout(tick, options.tickMs ?? 20);
  };
  tick();
  return {
    done,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** The Helix fault window active at `now`, if any. */
export function findHelixFault(
  world: SimWorld,
  faults: readonly ScenarioFault[],
  now: number,
): 'helix-429' | 'helix-500' | 'helix-503' | null {
  for (const f of faults) {
    if (f.type !== 'helix-429' && f.type !== 'helix-500' && f.type !== 'helix-503') continue;
    if (now >= world.startAt + f.at && now < world.startAt + f.at + f.duration) return f.type;
  }
  return null;
}
