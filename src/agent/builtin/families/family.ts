// One family of questions the built-in analyst answers: how well a question fits it (weighted patterns over
// the question and what it names), example phrasings (offered when a question cannot be answered) and the
// composer that writes the answer from tool and analytics results.

import type { AnswerContext, FamilyKind } from '../answer-context.ts';
import type { Entities } from '../intent/extract-entities.ts';

export interface Family {
  kind: FamilyKind;
  /** What the family answers, for the help list. */
  title: string;
  examples: readonly string[];
  /** How well `q` (normalized) fits; 2 or more is a match, the highest wins. */
  score(q: string, entities: Entities): number;
  compose(ctx: AnswerContext): Promise<string>;
}
