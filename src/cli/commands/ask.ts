// `streamlens ask "question"`: asks the agent (the configured model, or the built-in analyst), streaming the
// answer to stdout line by line as terminal text (no raw Markdown), then the citations each on its own line;
// --show-tools prints tool calls dimmed on stderr.

import type { Command } from 'commander';
import type { AgentEvent } from '../../agent/types.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { createContext, runCommand } from '../run-command.ts';
import { createTerminalMarkdownWriter, type TerminalMarkdownWriter } from '../terminal-markdown.ts';

interface AskFlags {
  conversation?: string;
  json?: boolean;
  showTools?: boolean;
}

const dim = (text: string) => (process.stderr.isTTY ? `\x1b[2m${text}\x1b[22m` : text);

/** Registers `streamlens ask`. */
export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('ask the AI agent a question about your streams (built-in analyst when no model is configured)')
    .argument('<question>', 'the question, in quotes')
    .option('--conversation <id>', 'continue an earlier conversation')
    .option('--json', 'print one JSON object with the answer, citations and conversation id')
    .option('--show-tools', 'show tool calls and results on stderr')
    .addHelpText(
      'after',
      `
Without a model, the built-in analyst answers common questions (summaries, best time and category,
viewer drops, raids and ad breaks, top chatters, supporters and lurkers, highlights, growth, comparisons, totals,
what to change). To use a model, set STREAMLENS_AI_BASE_URL, STREAMLENS_AI_MODEL and STREAMLENS_AI_API_KEY
(local Ollama: http://127.0.0.1:11434/v1, no key).

Examples:
  streamlens ask "Summarize my latest stream"
  streamlens ask "Why did viewers drop at 1:20?" --show-tools
  streamlens ask "What should I change to grow?"`,
    )
    .action((question: string, flags: AskFlags, command: Command) =>
      runCommand(async () => {
        if (!question.trim()) throw new StreamlensError('USAGE', 'the question is empty', 'streamlens ask "…"');
        const { config, log, timeZone } = createContext(command);
        const store = await openStore(config, { mustExist: true });
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          const { createAgent } = await import('../../agent/index.ts');
          const agent = createAgent({ store, config, log });
          const answer = createTerminalMarkdownWriter((text) => process.stdout.write(text), {
            color: !!process.stdout.isTTY,
          });
          const result = await agent.ask(question, {
            conversationId: flags.conversation,
            // Dates and time slots in the chosen zone (--tz, else this machine's), named.
            timeZone,
            signal: controller.signal,
            onEvent: (event) => printEvent(event, flags, answer),
          });
          if (flags.json) {
            process.stdout.write(`${JSON.stringify({ mode: agent.mode, ...result }, null, 2)}\n`);
            return 0;
          }
          answer.end();
          if (result.citations.length > 0) {
            process.stdout.write('\nSources:\n');
            for (const c of result.citations) process.stdout.write(`  ${c.label} — ${c.href}\n`);
          }
          process.stderr.write(dim(`conversation ${result.conversationId} (continue with --conversation)\n`));
          return 0;
        } finally {
          process.off('SIGINT', onSigint);
          await store.close();
        }
      }),
    );
}

function printEvent(event: AgentEvent, flags: AskFlags, answer: TerminalMarkdownWriter): void {
  if (event.type === 'text' && !flags.json) answer.push(event.delta);
  if (!flags.showTools) return;
  if (event.type === 'tool_call') process.stderr.write(dim(`→ ${event.name} ${JSON.stringify(event.input)}\n`));
  if (event.type === 'tool_result') {
    const summary = event.error ? `error: ${event.error}` : `${JSON.stringify(event.output).length} chars`;
    process.stderr.write(dim(`← ${event.name} ${summary}\n`));
  }
}
