// Questions as streamers phrase them (five rounds of trying the analyst on data it was not written for): each gets
// an answer that names its channel, a plain "I can't" at worst, never an unexpected error. Which family each one
// reaches is match-intent.test.ts's business; this proves every composer copes with what it is handed.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { loadConfig } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { createAgent } from '../index.ts';

const questions = [
  'What was the first message of the stream?',
  'Who was the first chatter?',
  'What did people say in the first 10 minutes?',
  'What did my viewers think of the new game?',
  'How did chat react when I switched games?',
  'Who raided me?',
  'How many new followers did I get?',
  'What was my peak viewer count?',
  'How long was my last stream?',
  'How many subs did I get last stream?',
  'What were people saying at 1:20?',
  'Did anyone ask a question I missed?',
  'Which emotes were used the most?',
  'Who are my most loyal viewers?',
  'When did viewers leave?',
  'Was the stream better than the one before?',
  'What should I stream next?',
  'How many bits did I get?',
  'Who gifted subs?',
  'Did chat like the ad break?',
  'When is the best time to stream?',
  'How many people watched on average?',
  "What was chat's favourite moment?",
  'Which game gets me the most viewers?',
  'How many viewers did the raid bring?',
  'Who got banned?',
  'What did chat talk about the most?',
  'How many messages per minute did chat have?',
  'Who is new in chat?',
  'What happened during the hype train?',
  'What did I say when viewers dropped?',
  'How did the prediction go?',
  'How active was chat compared to last week?',
  'Give me a recap',
  'What was the vibe in chat?',
  'Who are my regulars that stopped coming?',
  'How many unique chatters did I have?',
  'What time did I go live?',
  'Which title worked best?',
  'Is my audience growing?',
  'What did my viewers think of the new game?',
  'How long do viewers stay?',
  "What's my average watch time?",
  'How many followers did I gain this week?',
  'Who are my biggest supporters?',
  'Which stream got the most followers?',
  'Did my viewers like stardew valley?',
  'How many subs do I have?',
  'Was chat more active than usual?',
  'How many raids did I get this month?',
  'Who should I raid?',
  'Who are my mods?',
  'What did I talk about on stream?',
  'What did I say at 30:00?',
  'Did I mention the giveaway?',
  'How many clips were made?',
  "What's my best clip?",
  'How often do I stream?',
  'What day gets the most chat?',
  'How did I do compared to last month?',
  'Which emote is trending?',
  'Who watched the longest?',
  'How many lurkers do I have?',
  'Who lurks the most?',
  'What time do my viewers leave?',
  "What's my retention?",
  'How many viewers came back from last stream?',
  'How many returning viewers did I have?',
  'What were the most asked questions?',
  'What is chat asking about?',
  'Why is my chat so quiet?',
  'When was chat the busiest?',
  'How many messages did chat send in total?',
  'Did anyone cheer?',
  'Who was the top cheerer last stream?',
  'What rewards were redeemed?',
  'How many new viewers came?',
  'Summarize last week',
  'What went well last stream?',
  'What went wrong last stream?',
  "Yo how'd the stream go",
  'Stats pls',
  'Whats my avg viewers',
  'Gimme the top chatters from last week',
  'How many ppl followed today',
  "Who's my biggest fan",
  'Which day should i stream on',
  'Any drama in chat?',
  'Was anyone toxic?',
  'Did i lose viewers after the raid?',
  'How much did the raid help',
  'Best moments from yesterday',
  'Wht was the peak',
  'What was my best stream ever?',
  'What was my worst stream?',
  'How many hours did I stream this month?',
  'What category should I avoid?',
  'When do most of my viewers show up?',
  'How many people came from the raid?',
  'What did chat spam the most?',
  'Most used emote last week',
  'Show me chat at 45:00',
  'Where did I lose people?',
  'Did the title change help?',
  'How many new subs this month',
  'Top gifters all time',
  'Who subbed today?',
  "What's my longest stream?",
  'How many streams have I done?',
  'Compare my last two streams',
  'How did nightowl_tv do last stream?',
  "Who are nightowl_tv's top chatters?",
  'Compare me with nightowl_tv',
  "What's the best day to stream?",
  'How many hours of content did I make last month?',
  'How long did people watch on average?',
  "Who's been here since the start?",
  'Who is my oldest viewer?',
  'When did zuxoten85_0 first chat?',
  'Tell me about zuxoten85_0',
  'What does shishi672_8 usually say?',
  'How active is lokaxo_121?',
  'Which viewers gift the most subs?',
  'Did my followers chat?',
  'What % of viewers chat?',
  'How many viewers were lurking?',
  'Why did chat die?',
  'What made viewers stay?',
  'What should I do differently next stream?',
  'Give me 3 tips to grow',
  'How many viewers did I have at 1:00?',
  'What was the viewer count at the end?',
  'How long was I live yesterday?',
  'Which stream had the most subs?',
  'How many bits did I get last stream?',
  'Who was the top chatter last stream?',
  'How many messages were sent during the raid?',
  'What happened when the ad played?',
  'Did viewers come back after the ad?',
  "What's the average stream length?",
  'How many new chatters this week?',
  'Did I get any raids this week?',
  'Were there any polls?',
  'Who redeemed the most channel points?',
  'How many people followed during the stream?',
  'What time did the stream end?',
  'What were the top words in chat?',
  'How do I get more viewers?',
  "What's my growth this month?",
  'Is chat getting bigger?',
];

describeEachBackend('the built-in analyst on questions as streamers ask them', (backend) => {
  let fx: AnalyticsFixture;
  const config = loadConfig({ cwd: mkdtempSync(`${tmpdir()}/streamlens-asked-`), env: {} });
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it(`answers all ${questions.length} without an unexpected error, each naming its channel`, async () => {
    const agent = createAgent({ store: fx.store, config, log: silentLogger });
    const failures: string[] = [];
    for (const question of questions) {
      try {
        const { answer } = await agent.ask(question, { onEvent: () => {} });
        if (!/^For \*\*\w+\*\*[,:]/.test(answer)) failures.push(`${question} → ${answer.slice(0, 80)}`);
      } catch (error) {
        failures.push(`${question} → ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
