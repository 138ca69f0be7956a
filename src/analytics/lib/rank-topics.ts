// Topics of a set of lines: the words and two-word phrases used by the most voices (chatters, or minutes of a
// transcript), so one spammer, or one sentence said again and again, does not make a topic. Two topic words in a
// row count as a phrase too; a phrase about as common as each of its words stands for both, a rarer one goes.

export interface TopicLine<E> {
  /** Who or when: a topic's weight is how many distinct voices used it. */
  voice: string;
  /** The line's topic words, in order (stop words, fillers and emotes already left out). */
  words: readonly string[];
  example: E & { text: string };
}

export interface RankedTopic<E> {
  word: string;
  voices: number;
  uses: number;
  /** The first line that used it. */
  example: E & { text: string };
}

/** The lines' topics, most voices first (at least two voices each), one per distinct example line. */
export function rankTopics<E>(lines: Iterable<TopicLine<E>>, limit: number): RankedTopic<E>[] {
  const words = new Map<string, { voices: Set<string>; uses: number; example: E & { text: string } }>();
  const count = (word: string, line: TopicLine<E>) => {
    let w = words.get(word);
    if (!w) {
      w = { voices: new Set(), uses: 0, example: line.example };
      words.set(word, w);
    }
    w.voices.add(line.voice);
    w.uses++;
  };
  for (const line of lines)
    line.words.forEach((word, i) => {
      count(word, line);
      if (i > 0 && line.words[i - 1] !== word) count(`${line.words[i - 1]} ${word}`, line);
    });
  for (const [word, w] of [...words]) {
    const parts = word.split(' ');
    if (parts.length !== 2) continue;
    if (parts.every((p) => (words.get(p)?.voices.size ?? 0) <= w.voices.size * 1.25))
      for (const p of parts) words.delete(p);
    else words.delete(word);
  }
  return (
    [...words]
      .filter(([, w]) => w.voices.size >= 2)
      .map(([word, w]) => ({ word, voices: w.voices.size, uses: w.uses, example: w.example }))
      .sort((a, b) => b.voices - a.voices || b.uses - a.uses || a.word.localeCompare(b.word))
      // Pieces of one oft-repeated line ("first time catching a stream live") make one topic, not four.
      .filter((t, i, all) => all.findIndex((u) => u.example.text === t.example.text) === i)
      .slice(0, limit)
  );
}
