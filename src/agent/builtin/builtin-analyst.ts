// The built-in analyst, used when no model is configured: routes a question to one kind of answer, calls the
// same tools a model would (so the same events, records and citations follow) and writes the answer from
// their results. Anything it does not recognise gets the list of what it can answer and how to add a model.

import type { Answerer } from '../run-ask.ts';
import { ToolFailure, toAnalystTools } from './analyst-tools.ts';
import { composeAnswer } from './builtin-answers.ts';
import { routeQuestion } from './route-question.ts';

export const helpText = `I am the built-in analyst: I answer these kinds of questions from your recorded data, without an AI model.
- Stream summary: "Summarize my latest stream", "How was yesterday's stream?", "How did stream <id> go?"
- Best time to stream: "When should I stream?"
- Best category: "Which category performs best?"
- Viewer drops: "Why did viewers drop at 1:20?", "Why did people leave at 80 minutes?"
- Chatters: "Who are my top chatters?", "Who are my most loyal chatters?"
- Highlights: "Show me the highlights of my last stream"
- Growth: "Is my channel growing?"
- Comparison: "Compare my latest stream with the previous one"

For any other question, connect an OpenAI-compatible model: set STREAMLENS_AI_BASE_URL, STREAMLENS_AI_MODEL and (for hosted providers) STREAMLENS_AI_API_KEY. For a local Ollama: STREAMLENS_AI_BASE_URL=http://127.0.0.1:11434/v1 STREAMLENS_AI_MODEL=llama3.1`;

/** The answerer of the built-in analyst. */
export function createBuiltinAnswerer(now: () => number = Date.now): Answerer {
  return async (session) => {
    const intent = routeQuestion(session.question, now());
    const tools = toAnalystTools(session);
    let answer: string;
    try {
      answer = intent.kind === 'help' ? helpText : await composeAnswer(intent, tools);
    } catch (error) {
      if (!(error instanceof ToolFailure)) throw error;
      answer = `I could not answer that from the recorded data: ${error.message}`;
    }
    for (const paragraph of answer.split(/(?<=\n\n)/)) session.emit({ type: 'text', delta: paragraph });
    return answer;
  };
}
