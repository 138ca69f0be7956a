// Scenario "raid-and-category-drop": raidhaven, ~200 viewers. The last stream loses half its viewers when the
// category changes from Just Chatting to Elden Ring at 50:00 (212 → 107 by 52:00), then kindfriend raids with 60
// viewers at 1:20:00: 167 at the peak, easing to 125 by 1:34:00, so about 18 raiders stay. The stream before
// had a raid from oldpal (30 viewers) that nobody stayed from. At 1:40:00 an ad break of 180 s runs and chat goes
// silent from 1:41 to 1:48 while the viewers stay (125): a chat lull, not viewers leaving. A hype train runs from
// 0:20 to 0:26 and reaches level 3 (1,650 points, stonewall on top).

import { DAY, MIN, type PlannedStream, RecordsBuilder } from './build-records.ts';
import type { EvalScenario } from './eval-scenario.ts';

const start = Date.UTC(2026, 10, 3, 18, 0, 0); // Tue 3 Nov 2026 18:00 UTC
const raidChatters = ['kf_wren', 'kf_otto', 'kf_pia', 'kf_lark'];
const regulars = ['stonewall', 'ivyreach', 'cobalt_k', 'mirefox', 'thistle', 'gravelord', 'ashen_one', 'lumen'];

function lastViewers(m: number): number {
  if (m < 50) return 212;
  if (m === 50) return 200;
  if (m === 51) return 150;
  if (m < 80) return 107;
  if (m <= 81) return 167;
  if (m < 94) return 167 - ((m - 81) * 42) / 13;
  return 125;
}

function previousViewers(m: number): number {
  if (m >= 60 && m <= 63) return 230;
  return 200;
}

export const raidAndCategoryDrop = {
  name: 'raid-and-category-drop',
  build() {
    const b = new RecordsBuilder(16_002);
    b.channel('c-raid', 'raidhaven');
    const plans: PlannedStream[] = [];
    for (let i = 0; i < 3; i++) {
      const plan: PlannedStream = {
        id: `haven-${i + 1}`,
        channelId: 'c-raid',
        startedAt: start + i * 7 * DAY,
        minutes: 120,
        title: ['Souls chat', 'Chatting then bosses', 'Boss rush prep'][i]!,
        game: () => 'Just Chatting',
        viewers: i === 2 ? previousViewers : () => 190 + i * 5,
      };
      plans.push(plan);
      b.stream(plan);
      b.fillChat(plan, regulars, 3);
      b.channelEvent(plan, 30 * MIN, 'channel.follow', `follower_${i}_a`);
    }
    const previous = plans[2]!;
    b.chatEvent(previous, 60 * MIN, 'raid', 'oldpal', { viewerCount: 30 });
    const last: PlannedStream = {
      id: 'haven-4',
      channelId: 'c-raid',
      startedAt: start + 3 * 7 * DAY,
      minutes: 120,
      title: 'Elden Ring blind run',
      game: (m) => (m < 50 ? 'Just Chatting' : 'Elden Ring'),
      viewers: lastViewers,
    };
    b.stream(last);
    const lull = (m: number) => m >= 101 && m < 109;
    b.fillChat(last, regulars, 3, lull);
    b.channelEvent(last, 50 * MIN, 'stream.change', null, {
      previousGameName: 'Just Chatting',
      gameName: 'Elden Ring',
      title: 'Elden Ring blind run',
      previousTitle: 'Elden Ring blind run',
    });
    b.chatEvent(last, 80 * MIN, 'raid', 'kindfriend', { viewerCount: 60 });
    const raiders = raidChatters;
    raiders.forEach((login, i) => {
      b.say(last, 80 * MIN + (20 + i * 30) * 1000, login, 'kindfriend raid');
    });
    for (let i = 0; i < 4; i++) b.channelEvent(last, (82 + i) * MIN, 'channel.follow', raiders[i]!);
    b.channelEvent(last, 100 * MIN, 'channel.ad_break.begin', null, { durationSeconds: 180, isAutomatic: false });
    // A hype train from 0:20 to 0:26 that reached level 3.
    const train = {
      id: 'ht-haven-4',
      startedAt: new Date(last.startedAt + 20 * MIN).toISOString(),
      type: 'regular',
      isSharedTrain: false,
    };
    b.channelEvent(last, 20 * MIN, 'channel.hype_train.begin', null, {
      ...train,
      level: 1,
      total: 300,
      progress: 300,
      goal: 700,
      topContributions: [
        { userId: 'u-stonewall', userLogin: 'stonewall', userName: 'stonewall', type: 'bits', total: 300 },
      ],
    });
    b.channelEvent(last, 26 * MIN, 'channel.hype_train.end', null, {
      ...train,
      level: 3,
      total: 1650,
      endedAt: new Date(last.startedAt + 26 * MIN).toISOString(),
      topContributions: [
        { userId: 'u-stonewall', userLogin: 'stonewall', userName: 'stonewall', type: 'bits', total: 1100 },
        { userId: 'u-ivyreach', userLogin: 'ivyreach', userName: 'ivyreach', type: 'subscription', total: 500 },
      ],
    });
    return b.build();
  },
  facts: {
    main: 'raidhaven',
    lastStreamId: 'haven-4',
    previousStreamId: 'haven-3',
    categoryChangeOffsetMs: 50 * MIN,
    newCategory: 'Elden Ring',
    raider: 'kindfriend',
    raidSize: 60,
    raidChatters,
    raidOffsetMs: 80 * MIN,
    previousRaider: 'oldpal',
    lullOffsetMs: 101 * MIN,
    lullMinutes: 8,
    hypeTrain: { offsetMs: 20 * MIN, level: 3, total: 1650, topContributor: 'stonewall' },
  },
  now: start + 3 * 7 * DAY + 2 * DAY,
  configChannels: ['raidhaven'],
} satisfies EvalScenario;
