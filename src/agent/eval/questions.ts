// The shape of the agent's evaluation questions: the question, its family, and the facts its correct answer
// must contain — computed from the data with the eval's own SQL (eval-sql.ts) or from a scenario's planted
// facts, never from the agent's own tools. The questions themselves are in scenario-questions.ts.

/** What a correct answer must contain. */
export interface Expected {
  /** Numbers that must appear in the answer text (within the relative tolerance). */
  numbers?: number[];
  tolerance?: number;
  /** Offsets (ms from the start of `streamId`) that must be cited or written, within a minute. */
  moments?: { streamId: string; offsetMs: number }[];
  /** Words that must appear (case-insensitive). */
  words?: string[];
  /** Words that must not appear (case-insensitive): what a wrong or substituted answer would say. */
  absent?: string[];
}

export interface EvalQuestion {
  /** The family of questions it belongs to (accuracy is printed per family). */
  family: string;
  question: string;
  expected: Expected;
}
