import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { type EvalAnswer, runEvalScenario, tallyEval } from './run-eval.ts';
import { raidAndCategoryDropQuestions, smallFunnyChannelQuestions } from './scenario-questions.ts';
import { raidAndCategoryDrop } from './scenarios/raid-and-category-drop.ts';
import { smallFunnyChannel } from './scenarios/small-funny-channel.ts';
import { scoreAnswer } from './score-answer.ts';

// The fast subset of `npm run eval:agent`: two of its scenarios, each on a store of its own, answered by the
// built-in analyst and scored against the eval's own SQL and planted facts.
describeEachBackend('agent eval', (backend) => {
  const cases = [
    { scenario: smallFunnyChannel, questions: smallFunnyChannelQuestions },
    { scenario: raidAndCategoryDrop, questions: raidAndCategoryDropQuestions },
  ];
  const answers: EvalAnswer[] = [];
  const stores: TestStore[] = [];
  before(async () => {
    for (const { scenario, questions } of cases) {
      const fx = await openTestStore(backend);
      stores.push(fx);
      const cwd = mkdtempSync(`${tmpdir()}/streamlens-eval-test-`);
      answers.push(...(await runEvalScenario(fx.store, scenario, questions, { cwd })));
    }
  });
  after(async () => {
    for (const fx of stores) await fx.close();
  });

  it('answers at least 90% of each family correctly, with the channel named', () => {
    const run = tallyEval(answers);
    assert.ok(run.total >= 40, `${run.total} questions`);
    const wrong = answers
      .filter((a) => !a.score.correct)
      .map((a) => `${a.question.question}: ${a.score.missing.join(', ')}`);
    for (const [family, row] of run.byFamily)
      assert.ok(row.correct / row.total >= 0.9, `${family}: ${row.correct}/${row.total}; wrong: ${wrong.join(' | ')}`);
    const logins = cases.flatMap((c) => c.scenario.configChannels);
    const unnamed = answers.filter((a) => !logins.some((login) => a.answer.includes(`**${login}**`)));
    assert.deepEqual(
      unnamed.map((a) => a.question.question),
      ["Summarize ninjaboy's channel"],
      'every answer names its channel (but the one about a channel never recorded)',
    );
  });

  it('scores an answer to another question as wrong', () => {
    const raid = answers.find((a) => a.question.question === 'Did the raid help?')!;
    const summary = answers.find((a) => a.question.question === 'Summarize my last stream')!;
    assert.equal(raid.score.correct, true);
    assert.equal(scoreAnswer(summary.answer, [], raid.question.expected).correct, false);
    assert.equal(scoreAnswer(raid.answer, [], summary.question.expected).correct, false);
  });

  it('"last stream" is the last finished one while the channel is live, and the live one is compared fairly', () => {
    const last = answers.find((a) => a.question.question === 'Summarize my last stream')!;
    assert.match(last.answer, /\(\/streams\/pip-6\)/);
    const live = answers.find((a) => a.question.question === 'How is my stream going so far?')!;
    assert.match(live.answer, /\(\/streams\/pip-7\)/);
    assert.match(live.answer, /- Average viewers: [\d.]+ — previous median/);
    assert.doesNotMatch(live.answer, /- (Hours watched|Chat messages): [\d.]+ — previous median/);
  });

  it('never answers a question it cannot answer with a stream summary', () => {
    const refused = answers.filter((a) => a.question.family === 'cannot-answer');
    assert.ok(refused.length >= 4);
    for (const a of refused) {
      assert.match(a.answer, /I can't answer that/);
      assert.doesNotMatch(a.answer, /Average viewers|median of the 0/);
    }
  });
});
