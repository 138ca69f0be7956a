// Scenario "small-funny-channel": pixelpip, an 8-viewer channel, six streams. The last one has a funny moment
// at 1:07 (a KEKW burst), five newcomers, and four questions of which only one got a reply. A second channel,
// bigrival, is tracked with a single stream (so nothing earlier to compare it with). pixelpip is live again now,
// 25 minutes in: every "last stream" question is about the last finished one. Its moderators banned a spam bot and
// timed out one chatter twice in the last stream. Its transcript has pixelpip on the chicken coop in four minutes of it
// and the giveaway in two.

import { DAY, MIN, type PlannedStream, RecordsBuilder } from './build-records.ts';
import type { EvalScenario } from './eval-scenario.ts';

const start = Date.UTC(2026, 10, 2, 19, 0, 0); // Mon 2 Nov 2026 19:00 UTC
const regulars = ['mossy', 'fernling', 'quillby', 'tansy', 'burrowed', 'pebbles'];
const newcomers = ['newbie_ana', 'newbie_bo', 'newbie_cy', 'newbie_di', 'newbie_ed'];

export const smallFunnyChannel = {
  name: 'small-funny-channel',
  build() {
    const b = new RecordsBuilder(16_001);
    b.channel('c-pip', 'pixelpip');
    b.channel('c-big', 'bigrival');
    const plans: PlannedStream[] = [];
    for (let i = 0; i < 6; i++) {
      const plan: PlannedStream = {
        id: `pip-${i + 1}`,
        channelId: 'c-pip',
        startedAt: start + i * 2 * DAY,
        minutes: i === 5 ? 130 : 100,
        title: i === 5 ? 'Cozy farm day six' : `Cozy farm day ${['one', 'two', 'three', 'four', 'five'][i]}`,
        game: () => 'Stardew Valley',
        viewers: (m) => (i === 5 ? 8 : 6 + (i % 3)) + (m % 7 === 0 ? 1 : 0),
      };
      plans.push(plan);
      b.stream(plan);
      b.fillChat(plan, regulars, 1.2);
      b.say(plan, 20 * MIN, 'mossy', 'KEKW that sheep');
    }
    const last = plans[5]!;
    // The funny moment: 1:07, most of chat laughing at once.
    const laughers = [...regulars, ...newcomers.slice(0, 3)];
    for (let i = 0; i < 26; i++)
      b.say(
        last,
        67 * MIN + 2_000 + i * 2_000,
        laughers[i % laughers.length]!,
        i % 3 === 0 ? 'KEKW KEKW' : 'KEKW the chicken',
      );
    newcomers.forEach((login, i) => {
      b.say(last, (10 + i * 12) * MIN, login, 'hello first time here');
    });
    newcomers.forEach((login, i) => {
      b.say(last, (11 + i * 12) * MIN, login, 'love the farm');
    });
    b.say(last, 25 * MIN, 'newbie_ana', 'how long have you been streaming?');
    const keyboard = b.say(last, 40 * MIN, 'quillby', 'what keyboard do you use?');
    b.say(last, 41 * MIN, 'pixelpip', 'a cheap one from a garage sale', {
      replyParentId: keyboard,
      replyParentUserLogin: 'quillby',
    });
    b.say(last, 80 * MIN, 'newbie_bo', 'are you doing a giveaway?');
    b.say(last, 95 * MIN, 'fernling', 'when is the next stream?');
    for (let i = 0; i < 3; i++) b.channelEvent(last, (30 + i * 20) * MIN, 'channel.follow', newcomers[i]!);
    // Moderation: a spam bot banned at 0:45, a loud chatter timed out twice (10 min, then 1 h).
    b.chatEvent(last, 45 * MIN, 'ban', 'spambot_xx');
    b.chatEvent(last, 50 * MIN, 'timeout', 'loudmouth', { durationSeconds: 600 });
    b.chatEvent(last, 70 * MIN, 'timeout', 'loudmouth', { durationSeconds: 3600 });
    // What pixelpip said (the transcript): the chicken coop all stream long, the giveaway twice.
    b.said(last, 1 * MIN, 'welcome back to the farm everyone');
    for (const m of [15, 38, 72, 104]) b.said(last, m * MIN, 'the chicken coop really needs an upgrade');
    b.said(last, 30 * MIN, 'we have a giveaway when we hit one hundred followers');
    b.said(last, 90 * MIN, 'do not forget the giveaway tonight');
    // Live now, 25 minutes in: "last stream" still means the last finished one.
    const live: PlannedStream = {
      id: 'pip-7',
      channelId: 'c-pip',
      startedAt: start + 12 * DAY - 25 * MIN,
      minutes: 25,
      title: 'Cozy farm day seven',
      game: () => 'Stardew Valley',
      viewers: (m) => 9 + (m > 20 ? 2 : 0),
      live: true,
    };
    b.stream(live);
    b.fillChat(live, regulars, 1.2);
    const rival: PlannedStream = {
      id: 'big-1',
      channelId: 'c-big',
      startedAt: start + 9 * DAY,
      minutes: 90,
      title: 'Rival ranked marathon',
      game: () => 'Chess',
      viewers: (m) => 300 + (m % 10),
    };
    b.stream(rival);
    b.fillChat(rival, ['rivfan_max', 'rivfan_two', 'rivfan_three', 'rivfan_four'], 3);
    return b.build();
  },
  facts: {
    main: 'pixelpip',
    other: 'bigrival',
    lastStreamId: 'pip-6',
    liveStreamId: 'pip-7',
    funnyOffsetMs: 67 * MIN,
    funnyEmote: 'KEKW',
    newcomers,
    unansweredAskers: ['newbie_ana', 'newbie_bo', 'fernling'],
    answeredAsker: 'quillby',
    giveawayOffsetsMs: [30 * MIN, 90 * MIN],
    spokenTopic: 'chicken coop',
  },
  now: start + 12 * DAY,
  configChannels: ['pixelpip', 'bigrival'],
} satisfies EvalScenario;
