// Evaluates the agent on the eval's scenarios (src/agent/eval/scenarios: each plants known answers): loads each
// into a temp SQLite store, works out every question's correct answer from the data with the eval's own SQL or
// the planted facts, asks the agent (the built-in analyst, or the configured model when STREAMLENS_AI_MODEL is
// set) and scores the answers. Prints every question, accuracy per family and `eval: N/M correct (P%)`;
// exits 1 when overall or any family is under the threshold.
//   node --import tsx scripts/eval-agent.ts [--scenario NAME] [--min-score 0.9] [--verbose]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { type EvalAnswer, runEvalScenario, tallyEval } from '../src/agent/eval/run-eval.ts';
import { evalScenarios } from '../src/agent/eval/scenario-questions.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const options = new Command()
  .option('--scenario <name>', 'only this scenario')
  .option('--min-score <ratio>', 'fail when overall or any family is under this share of correct answers', '0.9')
  .option('--verbose', 'print every answer')
  .parse()
  .opts<{ scenario?: string; minScore: string; verbose?: boolean }>();

const minScore = Number(options.minScore);
const answers: EvalAnswer[] = [];
const mode = process.env.STREAMLENS_AI_MODEL ? `model ${process.env.STREAMLENS_AI_MODEL}` : 'built-in analyst';
process.stdout.write(`agent: ${mode}\n`);
for (const { scenario, questions } of evalScenarios) {
  if (options.scenario && scenario.name !== options.scenario) continue;
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-eval-'));
  const store = openSqliteStore({ path: join(dir, 'eval.db') });
  try {
    await store.migrate();
    const got = await runEvalScenario(store, scenario, questions, { cwd: dir, env: process.env });
    process.stdout.write(`\n${scenario.name}: ${got.length} questions\n`);
    for (const a of got) {
      process.stdout.write(
        `${a.score.correct ? 'ok  ' : 'FAIL'} ${a.question.family.padEnd(17)} ${a.question.question}${a.score.correct ? '' : `  — missing ${a.score.missing.join(', ')}`}\n`,
      );
      if (options.verbose || !a.score.correct) process.stdout.write(`${a.answer.replace(/^/gm, '     | ')}\n`);
    }
    answers.push(...got);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const run = tallyEval(answers);
process.stdout.write(`\n${'family'.padEnd(19)}correct  accuracy\n`);
let failing = 0;
for (const [family, row] of [...run.byFamily].sort((a, b) => a[0].localeCompare(b[0]))) {
  const ratio = row.correct / row.total;
  if (ratio < minScore) failing++;
  process.stdout.write(
    `${family.padEnd(19)}${`${row.correct}/${row.total}`.padEnd(9)}${(ratio * 100).toFixed(0)}%${ratio < minScore ? '  < threshold' : ''}\n`,
  );
}
const overall = run.total ? run.correct / run.total : 0;
process.stdout.write(
  `eval: ${run.correct}/${run.total} correct (${(overall * 100).toFixed(1)}%) over ${run.byFamily.size} families\n`,
);
if (run.total === 0 || overall < minScore || failing > 0) process.exitCode = 1;
