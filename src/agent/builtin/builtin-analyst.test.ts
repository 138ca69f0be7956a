import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  type AnalyticsFixture,
  CH,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { getPeriodTotals } from '../../analytics/index.ts';
import { loadConfig } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { type AgentEvent, createAgent } from '../index.ts';
import { runAsk } from '../run-ask.ts';
import { createTools } from '../tools/index.ts';
import { createBuiltinAnswerer } from './builtin-analyst.ts';

// The fixture: s-after (Fri, Chess, 30 viewers) is the latest stream, s-main (Tue, Just Chatting) the one
// before it, with an ad break at 1:00:00 and viewers 10 → 6 by 1:02, and a KEKW burst at 40:00.
describeEachBackend('built-in analyst', (backend) => {
  let fx: AnalyticsFixture;
  const config = loadConfig({ cwd: mkdtempSync(`${tmpdir()}/streamlens-builtin-`), env: {} });
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  async function ask(question: string, options: { timeZone?: string } = {}) {
    const events: AgentEvent[] = [];
    const agent = createAgent({ store: fx.store, config, log: silentLogger });
    const result = await agent.ask(question, { ...options, onEvent: (e) => events.push(e) });
    const tools = events.flatMap((e) => (e.type === 'tool_call' ? [e.name] : []));
    const failed = events.flatMap((e) => (e.type === 'tool_result' && e.error ? [e.error] : []));
    assert.deepEqual(failed, [], 'no tool failed');
    return { ...result, events, tools, mode: agent.mode };
  }

  it('summarises the latest stream through stream_summary with the same events and citations', async () => {
    const r = await ask('Summarize my latest stream');
    assert.equal(r.mode, 'builtin');
    assert.deepEqual(r.tools, ['stream_summary']);
    assert.deepEqual(
      [...new Set(r.events.map((e) => e.type))],
      ['conversation', 'tool_call', 'tool_result', 'text', 'done'],
    );
    assert.match(r.answer, /\[Chess speedruns to 2000\]\(\/streams\/s-after\)/);
    assert.match(r.answer, /Average viewers: 30\b/);
    assert.deepEqual(
      r.citations.map((c) => c.href),
      ['/streams/s-after'],
    );
    assert.equal(r.events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join(''), r.answer);
  });

  it("dates streams and names time slots in the asker's zone", async () => {
    const utc = await ask('Summarize my latest stream');
    assert.match(utc.answer, /\(\w{3}, \d+ \w{3} \d{4}, \d\d:\d\d UTC\)/);
    const tokyo = await ask('Summarize my latest stream', { timeZone: 'Asia/Tokyo' });
    assert.match(tokyo.answer, /\(\w{3}, \d+ \w{3} \d{4}, \d\d:\d\d GMT\+9\)/);
    const slot = await ask('When should I stream?', { timeZone: 'Asia/Tokyo' });
    assert.match(slot.answer, /best time to stream is \*\*Sat 05:00 GMT\+9\*\*/, 'Fri 20:00 UTC is Sat 05:00 in Tokyo');
  });

  it('explains a viewer drop at a time with the ad break before it, linked to the moment', async () => {
    const r = await ask('Why did viewers drop at 1:00 in the previous stream?');
    assert.deepEqual(r.tools, ['viewer_changes']);
    assert.match(r.answer, /dropped from 10 to 6 \(−4 viewers\)/, 'a change of 10 viewers in viewers, not -40%');
    assert.match(r.answer, /ad break/);
    assert.ok(r.citations.some((c) => c.streamId === 's-main' && c.offsetMs === 3_600_000));
  });

  it('answers best time, best category, top chatters, highlights, trends and comparisons', async () => {
    const cases: [string, string, RegExp][] = [
      ['When should I stream?', 'best_time', /best time to stream is \*\*Fri 20:00 UTC\*\*/],
      ['Which category performs best?', 'category_comparison', /best category is \*\*Chess\*\*/],
      ['Who are my top chatters?', 'top_chatters', /1\. \*\*reg\d\*\* — \d+ messages in \d+ streams/],
      ['Show the highlights of stream s-main', 'highlights', /\[40:00\]\(\/streams\/s-main\?t=2400000\)/],
      ['Is my channel growing?', 'weekly_trends', /follows over these \d+ weeks/],
      ['Compare my latest stream with the previous one', 'compare_streams', /Average viewers: 12\.7 → 30/],
    ];
    for (const [question, tool, pattern] of cases) {
      const r = await ask(question);
      assert.deepEqual(r.tools, [tool], question);
      assert.match(r.answer, pattern, question);
    }
  });

  it("finds yesterday's stream by date, and says so when there was none", async () => {
    const tools = createTools(fx.store.dialect);
    const deps = { ctx: { store: fx.store, config }, tools, log: silentLogger };
    const dayAfter = () => mainStart + 86_400_000 + 3_600_000;
    const r = await runAsk(
      deps,
      "How was yesterday's stream?",
      { onEvent: () => {} },
      createBuiltinAnswerer({ store: fx.store, config, now: dayAfter }),
    );
    assert.match(r.answer, /\(\/streams\/s-main\)/);
    const none = await runAsk(
      deps,
      "How was yesterday's stream?",
      { onEvent: () => {} },
      createBuiltinAnswerer({ store: fx.store, config, now: () => mainStart }),
    );
    assert.match(none.answer, /no stream recorded that started on 2026-10-05/);
    assert.match(none.answer, /^For \*\*smallstreamer\*\*: I can't answer that/);
  });

  it('compares two periods: totals and per-stream figures side by side, older first', async () => {
    const tools = createTools(fx.store.dialect);
    const deps = { ctx: { store: fx.store, config }, tools, log: silentLogger };
    const inNovember = () => Date.UTC(2026, 10, 20, 12);
    const r = await runAsk(
      deps,
      'How did this month compare to last month?',
      { onEvent: () => {} },
      createBuiltinAnswerer({ store: fx.store, config, now: inNovember }),
    );
    assert.match(r.answer, /October 2026 → this month \(November 2026\): \d+ streams → 0 streams\./);
    assert.match(r.answer, /\. This month \(November 2026\) is still under way/);
    assert.match(r.answer, /- Follows: \d+ → 0 \(/);
    const both = await runAsk(
      deps,
      'September vs October',
      { onEvent: () => {} },
      createBuiltinAnswerer({ store: fx.store, config, now: inNovember }),
    );
    const sep = await getPeriodTotals(fx.store, CH, Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 1));
    const oct = await getPeriodTotals(fx.store, CH, Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 1));
    assert.ok(sep.streams > 0 && oct.streams > 0);
    assert.match(
      both.answer,
      new RegExp(`September 2026 → October 2026: ${sep.streams} streams → ${oct.streams} streams\\.`),
    );
    assert.match(both.answer, new RegExp(`- Follows: ${sep.totals.follows} → ${oct.totals.follows} \\(`));
    assert.doesNotMatch(both.answer, /under way/);
  });

  it('lists what it can answer and how to connect a model for anything else, calling no tool', async () => {
    const r = await ask('Write a poem about my cat');
    assert.deepEqual(r.tools, []);
    assert.match(r.answer, /STREAMLENS_AI_BASE_URL/);
    assert.match(r.answer, /http:\/\/127\.0\.0\.1:11434\/v1/);
    assert.match(r.answer, /Why did viewers drop at 1:20\?/);
    assert.match(r.answer, /I can't answer that/);
  });
});
