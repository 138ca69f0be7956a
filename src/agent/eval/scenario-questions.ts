// The eval's questions for each scenario, several phrasings per family, with what a correct answer must hold:
// planted facts (a scenario's `facts`) or figures read with the eval's own SQL (eval-sql.ts). Every expected
// answer names its channel.

import type { Store } from '../../store/store.ts';
import { createEvalSql } from './eval-sql.ts';
import type { EvalQuestion, Expected } from './questions.ts';
import { raidAndCategoryDrop } from './scenarios/raid-and-category-drop.ts';
import { smallFunnyChannel } from './scenarios/small-funny-channel.ts';
import { weeklySlotHistory } from './scenarios/weekly-slot-history.ts';

const MIN = 60_000;
const cannot = (login: string): Expected => ({ words: [login, "can't answer"], absent: ['Average viewers'] });

/** pixelpip: summary, highlights, a moment, missed questions, new chatters, top chatters, emotes, channels. */
export async function smallFunnyChannelQuestions(store: Store): Promise<EvalQuestion[]> {
  const f = smallFunnyChannel.facts;
  const sql = createEvalSql(store);
  const last = f.lastStreamId;
  const me = f.main;
  const funny = { moments: [{ streamId: last, offsetMs: f.funnyOffsetMs }] };
  const peak = await sql.peak(last);
  const messages = await sql.messages(last);
  const newCount = await sql.newChatters(last);
  const top = await sql.topChatter(me);
  const rivalTop = await sql.topChatter(f.other);
  const rivalPeak = await sql.peak('big-1');
  const missed = { words: [me, ...f.unansweredAskers], absent: [f.answeredAsker] };
  const q = (family: string, question: string, expected: Expected): EvalQuestion => ({ family, question, expected });
  return [
    q('stream-edges', 'What was the first message of my last stream?', {
      words: [me, await sql.edgeChatter(last, 'first')],
    }),
    q('stream-edges', 'Who was the first chatter?', { words: [me, await sql.edgeChatter(last, 'first')] }),
    q('stream-edges', 'What did people say in the first 10 minutes?', {
      words: [me, await sql.edgeChatter(last, 'first')],
      numbers: [await sql.messagesBetween(last, 0, 10 * MIN)],
    }),
    q('said-on-stream', 'Did I mention the giveaway?', {
      words: [me, 'giveaway'],
      moments: f.giveawayOffsetsMs.map((offsetMs) => ({ streamId: last, offsetMs })),
    }),
    q('said-on-stream', 'When did I talk about the giveaway last stream?', {
      words: [me, 'giveaway'],
      moments: f.giveawayOffsetsMs.map((offsetMs) => ({ streamId: last, offsetMs })),
    }),
    q('said-on-stream', 'What did I talk about last stream?', { words: [me, f.spokenTopic] }),
    q('said-on-stream', 'Did I mention the tractor?', { words: [me, 'tractor', 'not in what you said'] }),
    q('chatter', 'Tell me about mossy', {
      words: [me, 'mossy', 'First chatted'],
      numbers: [await sql.messagesBy(me, 'mossy')],
    }),
    q('chatter', 'When did newbie_ana first chat?', {
      words: [me, 'newbie_ana', 'First chatted', 'how long have you been streaming'],
    }),
    q('chatter', 'Tell me about ghost_user_9', { words: [me, 'ghost_user_9', 'never chatted'] }),
    q('summary', 'How many people watched on average?', { words: [me, 'Average viewers'] }),
    q('summary', 'Summarize my last stream', { words: [me], numbers: [peak, messages] }),
    q('summary', 'How did my last stream go?', { words: [me], numbers: [peak, messages] }),
    q('summary', 'How many viewers did I have last stream?', { words: [me], numbers: [peak] }),
    q('summary', 'How is my stream going so far?', {
      words: [me, 'so far', 'Cozy farm day seven'],
      numbers: [await sql.peak(f.liveStreamId)],
    }),
    q('summary', "Summarize bigrival's last stream", {
      words: [f.other, 'no earlier stream'],
      numbers: [rivalPeak],
      absent: ['median of the 0'],
    }),
    q('highlights', 'Show me the highlights of my last stream', { words: [me, f.funnyEmote], ...funny }),
    q('highlights', 'What were the funniest moments last stream?', { words: [me, f.funnyEmote], ...funny }),
    q('highlights', 'Any clip-worthy moments?', { words: [me, f.funnyEmote], ...funny }),
    q('highlights', 'What were the best moments of my last stream?', { words: [me, f.funnyEmote], ...funny }),
    q('moment', 'What happened around 1:07?', { words: [me, f.funnyEmote], ...funny }),
    q('moment', 'what happened at 1:07 in my last stream?', { words: [me, f.funnyEmote], ...funny }),
    q('moment', 'What was going on 1h7m in?', { words: [me, f.funnyEmote], ...funny }),
    q('missed-questions', 'Which questions did I miss?', missed),
    q('missed-questions', 'Did people ask me anything I skipped?', missed),
    q('missed-questions', 'Did I miss any questions in chat last stream?', missed),
    q('missed-questions', 'Were there any unanswered questions?', missed),
    q('missed-questions', "What did chat ask me that I didn't answer?", missed),
    q('new-chatters', 'How many new chatters did I have last stream?', { words: [me], numbers: [newCount] }),
    q('new-chatters', 'Who chatted for the first time last stream?', { words: [me, ...f.newcomers] }),
    q('new-chatters', 'How many first-time chatters showed up?', { words: [me], numbers: [newCount] }),
    q('top-chatters', 'Who are my top chatters?', { words: [me, top], absent: [`**${me}** —`] }),
    q('top-chatters', 'Who chats the most?', { words: [me, top] }),
    q('top-chatters', "Who are bigrival's top chatters?", { words: [f.other, rivalTop] }),
    q('moderation', 'Who got banned last stream?', { words: [me, 'spambot_xx', 'loudmouth'], numbers: [2] }),
    q('moderation', 'How many timeouts were there last stream?', { words: [me, 'loudmouth', '1 hour'], numbers: [2] }),
    q('emotes', 'Which emotes does chat use most?', { words: [me, f.funnyEmote] }),
    q('emotes', 'Top emotes in my last stream', {
      words: [me, f.funnyEmote],
      numbers: [await sql.wordCount(last, 'KEKW')],
    }),
    q('cannot-answer', 'Write a poem about my cat', cannot(me)),
    q('cannot-answer', 'What is the weather in Berlin?', cannot(me)),
    q('cannot-answer', 'What happened at 5:00:00 in my last stream?', {
      ...cannot(me),
      words: [me, "can't answer", 'lasted'],
    }),
    q('cannot-answer', "Summarize ninjaboy's channel", {
      words: ["can't answer", 'ninjaboy'],
      absent: ['Average viewers'],
    }),
  ];
}

/** raidhaven: raids and their effect, a category change drop, moments, viewer changes, compare, a chat lull. */
export async function raidAndCategoryDropQuestions(store: Store): Promise<EvalQuestion[]> {
  const f = raidAndCategoryDrop.facts;
  const sql = createEvalSql(store);
  const me = f.main;
  const last = f.lastStreamId;
  const before = await sql.viewersBefore(last, f.raidOffsetMs);
  const stayed = (await sql.viewersAt(last, f.raidOffsetMs + 30 * MIN)) - before;
  const peakAfter = await sql.peakBetween(last, f.raidOffsetMs, f.raidOffsetMs + 15 * MIN);
  const previousDay = new Date(await sql.streamStart(f.previousStreamId)).toISOString().slice(0, 10);
  const category = { words: [me, f.newCategory], moments: [{ streamId: last, offsetMs: f.categoryChangeOffsetMs }] };
  const raid = { moments: [{ streamId: last, offsetMs: f.raidOffsetMs }] };
  const lull = { moments: [{ streamId: last, offsetMs: f.lullOffsetMs }] };
  const q = (family: string, question: string, expected: Expected): EvalQuestion => ({ family, question, expected });
  const lastPeak = await sql.peak(last);
  const previousPeak = await sql.peak(f.previousStreamId);
  const train = f.hypeTrain;
  const trainAnswer = {
    words: [me, `level ${train.level}`, train.topContributor],
    numbers: [train.total],
    moments: [{ streamId: last, offsetMs: train.offsetMs }],
  };
  return [
    q('engagement', 'How did the hype train go?', trainAnswer),
    q('engagement', 'What happened during the hype train last stream?', trainAnswer),
    q('stream-edges', 'What did chat say at the end of the stream?', {
      words: [me, await sql.edgeChatter(last, 'last')],
      numbers: [await sql.messagesBetween(last, 110 * MIN, 120 * MIN)],
    }),
    q('stream-edges', 'Who was the last person to chat?', { words: [me, await sql.edgeChatter(last, 'last')] }),
    q('best-category', 'What did my viewers think of the new game?', {
      words: [me, `**${f.newCategory}**:`, 'first streamed', 'against'],
    }),
    q('best-category', 'Did my viewers like Elden Ring?', { words: [me, `**${f.newCategory}**:`, 'against'] }),
    q('raids', 'Who should I raid?', { words: [me, f.raider, f.previousRaider, 'not raided back'] }),
    q('raids', 'Did the raid help?', { words: [me, f.raider, 'helped'], numbers: [stayed] }),
    q('raids', 'How many of the raiders stayed?', { words: [me], numbers: [stayed, f.raidSize] }),
    q('raids', 'How long did the raiders stay?', { words: [me, f.raider], numbers: [stayed] }),
    q('raids', 'Who raided me last stream and did they stick around?', {
      words: [me, f.raider],
      numbers: [f.raidSize, stayed],
      ...raid,
    }),
    q('raids', 'Who raided me in the previous stream?', { words: [me, f.previousRaider, 'none of the raiders'] }),
    q('raids', 'How big was the raid and what was the peak after it?', {
      words: [me],
      numbers: [f.raidSize, peakAfter],
    }),
    q('raids', 'How many raiders chatted after kindfriend raided?', {
      words: [me, f.raider],
      numbers: [f.raidChatters.length],
    }),
    q('moment', 'What happened at 52:00?', category),
    q('moment', 'What happened around 1:20?', { words: [me, f.raider], ...raid }),
    q('viewer-change', 'Why did viewers drop at 52:00?', category),
    q('viewer-change', 'Why did I lose viewers around 50 minutes in?', category),
    q('viewer-change', 'Why did my viewers go up at 1:20?', { words: [me, f.raider], ...raid }),
    q('viewer-change', 'Where did viewers drop in my last stream?', category),
    q('summary', `How was the stream on ${previousDay}?`, { words: [me], numbers: [previousPeak] }),
    q('compare', 'Compare my last stream with the previous one', { words: [me], numbers: [previousPeak, lastPeak] }),
    q('compare', 'How did my last two streams differ?', { words: [me], numbers: [previousPeak, lastPeak] }),
    q('new-chatters', 'How many new chatters did I have last stream?', {
      words: [me],
      numbers: [await sql.newChatters(last)],
    }),
    q('stream-changes', 'Did switching to Elden Ring lose viewers?', {
      words: [me, f.newCategory, 'fell'],
      moments: [{ streamId: last, offsetMs: f.categoryChangeOffsetMs }],
    }),
    // The planted lull: chat silent from 1:41 for 8 minutes after an ad break at 1:40, viewers staying.
    q('chat-lulls', 'Why did chat die down last stream?', { words: [me, 'ad break', 'stayed'], ...lull }),
    q('chat-lulls', 'When did chat go quiet?', { words: [me], numbers: [f.lullMinutes], ...lull }),
    q('chat-lulls', 'why was chat so dead around 1:45', { words: [me, 'ad break'], ...lull }),
    q('totals', 'How many follows did I get this week?', {
      words: [me],
      numbers: [(await sql.totals(me, Date.UTC(2026, 10, 23), raidAndCategoryDrop.now)).follows],
    }),
  ];
}

/** slotmaster: best time, best category, best/worst stream, trends, totals over a period, compare, emotes. */
export async function weeklySlotHistoryQuestions(store: Store): Promise<EvalQuestion[]> {
  const f = weeklySlotHistory.facts;
  const sql = createEvalSql(store);
  const me = f.main;
  const ranked = await sql.streamsByAverage(me);
  const best = ranked[0]!.title;
  const worst = ranked[ranked.length - 1]!.title;
  const bestPeak = (await sql.streamsByPeak(me))[0]!.title;
  const novemberBest = (await sql.streamsByAverage(me, f.lastMonth.from, f.lastMonth.to))[0]!.title;
  const t = await sql.totals(me, f.lastMonth.from, f.lastMonth.to);
  const october = await sql.totals(me, Date.UTC(2026, 9, 1), f.lastMonth.from);
  const streams = await sql.streamIds(me);
  const lastId = streams[0]!;
  const lastPeak = await sql.peak(lastId);
  const minecraftPeak = await sql.peak('slot-minecraft');
  const q = (family: string, question: string, expected: Expected): EvalQuestion => ({ family, question, expected });
  return [
    q('best-time', 'When should I stream?', { words: [me, f.bestSlot] }),
    q('best-time', 'What day and time gets me the most viewers?', { words: [me, f.bestSlot] }),
    q('best-time', 'Which weekday slot works best for me?', { words: [me, f.bestSlot] }),
    q('best-time', "What's the best time to go live?", { words: [me, f.bestSlot] }),
    q('best-category', 'Which category performs best?', { words: [me, `best category is **${f.bestCategory}`] }),
    q('best-category', 'What game should I stream more?', { words: [me, `best category is **${f.bestCategory}`] }),
    q('best-category', 'Which category gets me the most viewers?', {
      words: [me, `best category is **${f.bestCategory}`],
    }),
    q('best-category', "What's my best category?", { words: [me, `best category is **${f.bestCategory}`] }),
    q('best-stream', 'What was my best stream?', { words: [me, best] }),
    q('best-stream', 'Which stream had the most viewers?', { words: [me, best] }),
    q('best-stream', 'Which was my highest peak stream?', { words: [me, bestPeak] }),
    q('best-stream', 'What was my worst stream?', { words: [me, worst] }),
    q('best-stream', 'What was my best stream last month?', { words: [me, novemberBest] }),
    q('titles', 'What are my best performing titles?', { words: [me, best] }),
    q('titles', 'Which title got the most viewers?', { words: [me, best] }),
    q('stream-list', 'List my streams', { words: [me, 'newest first'], numbers: [streams.length] }),
    q('stream-list', 'How many streams did I do last month?', {
      words: [me, 'November 2026'],
      numbers: [t.streams],
    }),
    q('viewer-arrival', 'When did viewers peak last stream?', { words: [me, 'peaked at'], numbers: [lastPeak] }),
    q('viewer-arrival', 'When do my viewers usually join?', { words: [me, 'half their peak'] }),
    q('schedule', 'What time do I usually go live?', { words: [me, 'Tue 18:00', 'Fri 20:00', '9 of the 9 weeks'] }),
    q('schedule', 'What days do I stream?', { words: [me, 'Tue 18:00', 'Fri 20:00'] }),
    // 19 streams of 120 minutes and the 60-minute Sunday one at 5 viewers: the longer ones do better.
    q('stream-length', 'Am I streaming too long?', { words: [me, 'Longer streams hold'] }),
    q('stream-length', 'Should I stream longer?', { words: [me, 'Longer streams hold'] }),
    // The last stream (the 20th, index 19, Fri 4 Dec) has subber_19's resub and fan_19_0's follow.
    q('supporters', 'Who subbed last stream?', { words: [me, 'subber_19', 'resub'] }),
    q('supporters', 'Who followed me last stream?', { words: [me, 'fan_19_0'] }),
    q('trends', 'Is my channel growing?', { words: [me, 'went up'] }),
    q('trends', 'How are my viewers trending week by week?', { words: [me, 'went up'] }),
    q('trends', 'Am I growing over the last 8 weeks?', { words: [me, 'went up'] }),
    q('trends', 'Is my audience getting bigger over time?', { words: [me, 'went up'] }),
    q('totals', 'How much money did I make last month?', {
      words: [me, "doesn't", 'November 2026'],
      numbers: [t.follows, t.subs, t.bits],
    }),
    q('totals', 'How many subs did I get last month?', { words: [me], numbers: [t.subs] }),
    q('totals', 'How many follows did I get in November?', { words: [me], numbers: [t.follows] }),
    q('totals', 'Total bits last month?', { words: [me], numbers: [t.bits] }),
    q('compare-periods', 'How did November compare to October?', {
      words: [me, 'October 2026 → November 2026'],
      numbers: [october.follows, t.follows, october.bits, t.bits],
    }),
    q('compare-periods', 'Was last month better than the month before? November vs October', {
      words: [me, 'October 2026 → November 2026'],
      numbers: [october.follows, t.follows],
    }),
    q('summary', 'How many follows did I get last stream?', {
      words: [me],
      numbers: [(await sql.totals(me, await sql.streamStart(lastId), (await sql.streamStart(lastId)) + 1)).follows],
    }),
    q('summary', 'Give me a recap of my latest stream', {
      words: [me],
      numbers: [lastPeak, await sql.messages(lastId)],
    }),
    q('compare', 'Compare my last stream with 2026-11-14', {
      words: [me, 'Minecraft collab special'],
      numbers: [lastPeak, minecraftPeak],
    }),
    q('compare', 'Was my last stream better than the previous one?', {
      words: [me],
      numbers: [lastPeak, await sql.peak(streams[1]!)],
    }),
    q('top-chatters', 'Who are my most loyal chatters?', { words: [me, await sql.topChatter(me)] }),
    q('emotes', 'Which emotes were used most last month?', { words: [me, 'Pog'] }),
    q('emotes', 'Most popular emote in my last stream?', { words: [me, 'Pog'] }),
    // As streamers phrase them: one figure, "new in chat", advice, a stream ranked by chat.
    q('summary', 'What was the peak viewer count?', { words: [me, `Peak viewers: ${lastPeak}`] }),
    q('summary', 'How many people chatted last stream?', {
      words: [me, `Unique chatters: ${await sql.chatters(lastId)}`],
    }),
    q('best-stream', 'Which stream had the most chat?', {
      words: [me, 'ranked by chat messages', (await sql.streamsByChat(me))[0]!.title],
    }),
    q('compare-periods', 'Compare last month to this month', { words: [me, 'November 2026 → this month'] }),
    q('advice', 'What should I change to grow?', { words: [me, 'best supported first', '1. '] }),
    q('supporters', 'Who gave the most bits?', {
      words: [me, 'Most bits', `1. ${(await sql.topCheerer(me)).login} — ${(await sql.topCheerer(me)).bits} bits`],
    }),
  ];
}

export const evalScenarios = [
  { scenario: smallFunnyChannel, questions: smallFunnyChannelQuestions },
  { scenario: raidAndCategoryDrop, questions: raidAndCategoryDropQuestions },
  { scenario: weeklySlotHistory, questions: weeklySlotHistoryQuestions },
];
