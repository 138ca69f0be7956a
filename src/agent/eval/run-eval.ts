// Runs the eval over one scenario: writes its records to an empty migrated store, asks every question of the
// agent (the built-in analyst at the scenario's clock unless a model is configured), scores each answer and
// tallies accuracy per family.

import { type Config, loadConfig } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import { createBuiltinAnswerer } from '../builtin/builtin-analyst.ts';
import { createAgent } from '../index.ts';
import { runAsk } from '../run-ask.ts';
import { createTools } from '../tools/index.ts';
import type { EvalQuestion } from './questions.ts';
import type { EvalScenario } from './scenarios/eval-scenario.ts';
import { type Score, scoreAnswer } from './score-answer.ts';

export interface EvalAnswer {
  scenario: string;
  question: EvalQuestion;
  answer: string;
  score: Score;
}

export interface EvalRun {
  answers: EvalAnswer[];
  byFamily: Map<string, { correct: number; total: number }>;
  correct: number;
  total: number;
}

export interface RunEvalOptions {
  /** The configuration to ask with; a model configured in it is used instead of the built-in analyst. */
  env?: Record<string, string | undefined>;
  cwd: string;
}

/** Loads `scenario` into `store` (empty, migrated), asks its questions and scores them. */
export async function runEvalScenario(
  store: Store,
  scenario: EvalScenario,
  buildQuestions: (store: Store) => Promise<EvalQuestion[]>,
  options: RunEvalOptions,
): Promise<EvalAnswer[]> {
  for (const batch of scenario.build()) await store.write(batch);
  const config: Config = loadConfig({
    cwd: options.cwd,
    env: options.env ?? {},
    flags: { channels: scenario.configChannels },
  });
  const questions = await buildQuestions(store);
  const agent = createAgent({ store, config, log: silentLogger });
  const tools = createTools(store.dialect);
  const builtin = createBuiltinAnswerer({ store, config, now: () => scenario.now });
  const out: EvalAnswer[] = [];
  for (const question of questions) {
    try {
      const result =
        agent.mode === 'model'
          ? await agent.ask(question.question, { onEvent: () => {} })
          : await runAsk(
              { ctx: { store, config }, tools, log: silentLogger },
              question.question,
              { onEvent: () => {} },
              builtin,
            );
      out.push({
        scenario: scenario.name,
        question,
        answer: result.answer,
        score: scoreAnswer(result.answer, result.citations, question.expected),
      });
    } catch (error) {
      out.push({
        scenario: scenario.name,
        question,
        answer: '',
        score: { correct: false, missing: [`error: ${(error as Error).message}`] },
      });
    }
  }
  return out;
}

/** Accuracy per family and overall. */
export function tallyEval(answers: readonly EvalAnswer[]): EvalRun {
  const byFamily = new Map<string, { correct: number; total: number }>();
  for (const a of answers) {
    const row = byFamily.get(a.question.family) ?? { correct: 0, total: 0 };
    row.total++;
    if (a.score.correct) row.correct++;
    byFamily.set(a.question.family, row);
  }
  const correct = answers.filter((a) => a.score.correct).length;
  return { answers: [...answers], byFamily, correct, total: answers.length };
}
