// Evaluates the agent on the simulator's seeded history: builds a temp SQLite store, works out each question's
// correct answer from the data, asks the agent (the built-in analyst, or the configured model when
// STREAMLENS_AI_MODEL is set) and scores the answers. Prints a table per question type and `eval: N/M correct`;
// exits 1 under the threshold.
//   node --import tsx scripts/eval-agent.ts [--scenario FILE] [--streams 24] [--min-score 0.8] [--verbose]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { buildEvalQuestions } from '../src/agent/eval/questions.ts';
import { scoreAnswer } from '../src/agent/eval/score-answer.ts';
import { createAgent } from '../src/agent/index.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { defaultScenarioPath, generateHistory, historyFacts, loadScenario } from '../src/sim/index.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const options = new Command()
  .option('--scenario <file>', 'scenario file', defaultScenarioPath())
  .option('--streams <n>', 'past streams to generate', '24')
  .option('--min-score <ratio>', 'fail under this share of correct answers', '0.8')
  .option('--verbose', 'print every answer')
  .parse()
  .opts<{ scenario: string; streams: string; minScore: string; verbose?: boolean }>();

const dir = mkdtempSync(join(tmpdir(), 'streamlens-eval-'));
const store = openSqliteStore({ path: join(dir, 'eval.db') });
let exitCode = 0;
try {
  await store.migrate();
  const scenario = loadScenario(options.scenario);
  // A fixed end date keeps the history, and so the expected answers, identical from run to run.
  for (const batch of generateHistory(scenario, {
    streams: Number(options.streams),
    endBefore: Date.parse('2026-06-01T00:00:00Z'),
  }))
    await store.write(batch);
  const facts = historyFacts(scenario);
  const config = loadConfig({ env: process.env, flags: { db: join(dir, 'eval.db'), channels: [facts.channelLogin] } });
  const log = createLogger({ level: 'warn' });
  const agent = createAgent({ store, config, log });
  const questions = await buildEvalQuestions(store, facts);
  process.stdout.write(
    `agent: ${agent.mode}${agent.mode === 'model' ? ` (${config.ai.model} at ${config.ai.baseUrl})` : ''}, ${questions.length} questions\n\n`,
  );
  const byType = new Map<string, { correct: number; total: number }>();
  let correct = 0;
  for (const q of questions) {
    let score: { correct: boolean; missing: string[] };
    let answer = '';
    try {
      const result = await agent.ask(q.question, { onEvent: () => {} });
      answer = result.answer;
      score = scoreAnswer(result.answer, result.citations, q.expected);
    } catch (error) {
      score = { correct: false, missing: [`error: ${(error as Error).message}`] };
    }
    const row = byType.get(q.type) ?? { correct: 0, total: 0 };
    row.total++;
    if (score.correct) {
      row.correct++;
      correct++;
    }
    byType.set(q.type, row);
    process.stdout.write(
      `${score.correct ? 'ok  ' : 'FAIL'} ${q.type.padEnd(14)} ${q.question}${score.correct ? '' : `  — missing ${score.missing.join(', ')}`}\n`,
    );
    if (options.verbose) process.stdout.write(`${answer.replace(/^/gm, '     ')}\n`);
  }
  process.stdout.write(`\n${'type'.padEnd(16)}score\n`);
  for (const [type, row] of byType) process.stdout.write(`${type.padEnd(16)}${row.correct}/${row.total}\n`);
  process.stdout.write(`eval: ${correct}/${questions.length} correct\n`);
  if (correct / questions.length < Number(options.minScore)) exitCode = 1;
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = exitCode;
