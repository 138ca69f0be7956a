// Scenario "weekly-slot-history": slotmaster streams Chess on Fridays 20:00 UTC and Just Chatting on Tuesdays
// 18:00 UTC for nine weeks, growing about 4% a week; Chess averages about twice Just Chatting. One Saturday
// Minecraft stream draws 90 viewers (the best stream, but a single stream cannot make Minecraft the best
// category) and one Sunday morning stream draws 5 (the worst). Follows, subs and cheers in every stream.

import { DAY, MIN, type PlannedStream, RecordsBuilder } from './build-records.ts';
import type { EvalScenario } from './eval-scenario.ts';

const firstTuesday = Date.UTC(2026, 9, 6, 18, 0, 0); // Tue 6 Oct 2026
const chatters = ['rook_rider', 'knightly', 'pawnstar', 'bishopbee', 'queenside', 'castler', 'endgamer', 'gambito'];

export const weeklySlotHistory = {
  name: 'weekly-slot-history',
  build() {
    const b = new RecordsBuilder(16_003);
    b.channel('c-slot', 'slotmaster');
    const plans: PlannedStream[] = [];
    for (let w = 0; w < 9; w++) {
      const growth = 1 + 0.04 * w;
      plans.push({
        id: `slot-w${w}-tue`,
        channelId: 'c-slot',
        startedAt: firstTuesday + w * 7 * DAY,
        minutes: 120,
        title: `Chatting week ${w + 1}`,
        game: () => 'Just Chatting',
        viewers: (m) => 20 * growth + (m % 5),
      });
      plans.push({
        id: `slot-w${w}-fri`,
        channelId: 'c-slot',
        startedAt: firstTuesday + w * 7 * DAY + 3 * DAY + 2 * 3_600_000,
        minutes: 120,
        title: `Chess night week ${w + 1}`,
        game: () => 'Chess',
        viewers: (m) => 45 * growth + (m % 5),
      });
    }
    plans.push({
      id: 'slot-minecraft',
      channelId: 'c-slot',
      startedAt: Date.UTC(2026, 10, 14, 14, 0, 0),
      minutes: 120,
      title: 'Minecraft collab special',
      game: () => 'Minecraft',
      viewers: () => 90,
    });
    plans.push({
      id: 'slot-sunday',
      channelId: 'c-slot',
      startedAt: Date.UTC(2026, 10, 22, 8, 0, 0),
      minutes: 60,
      title: 'Sleepy sunday sandbox',
      game: () => 'Just Chatting',
      viewers: () => 5,
    });
    plans.sort((a, b2) => a.startedAt - b2.startedAt);
    plans.forEach((plan, i) => {
      b.stream(plan);
      b.fillChat(plan, chatters, 1.5);
      b.say(plan, 15 * MIN, 'rook_rider', 'Pog what a move');
      for (let f = 0; f < 2 + (i % 3); f++)
        b.channelEvent(plan, (10 + f * 20) * MIN, 'channel.follow', `fan_${i}_${f}`);
      b.chatEvent(plan, 40 * MIN, i % 2 ? 'resub' : 'sub', `subber_${i}`);
      if (i % 4 === 0) b.chatEvent(plan, 50 * MIN, 'subgift', `gifter_${i}`, { recipientLogin: `lucky_${i}` });
      b.channelEvent(plan, 60 * MIN, 'channel.cheer', `cheerer_${i}`, { bits: 100 + (i % 3) * 50 });
    });
    return b.build();
  },
  facts: {
    main: 'slotmaster',
    bestSlot: 'Fri 20:00',
    bestCategory: 'Chess',
    bestStreamTitle: 'Minecraft collab special',
    worstStreamTitle: 'Sleepy sunday sandbox',
    lastMonth: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), label: 'November' },
  },
  now: Date.UTC(2026, 11, 7, 12, 0, 0),
  configChannels: ['slotmaster'],
} satisfies EvalScenario;
