// What chat talked about in a stream: its most used words and two-word phrases (not emotes — 7TV/BTTV/FFZ ones of
// the channel's kept sets included — nor stop words, chat's fillers and reactions, or numbers), counted by how many
// chatters used them so one spammer does not make a topic, each with one message that did.

import type { Store } from '../../store/store.ts';
import { splitLineWords } from '../lib/emote-words.ts';
import { hypeWords, laughterWords, stopWords } from '../lib/lexicon.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, streamEnd } from '../stream/load-stream.ts';
import { loadStreamChat } from './load-chat.ts';
import { loadEmoteSet } from './load-emote-set.ts';

/** Chat's fillers: greetings, reactions and the like say nothing about what was talked about. */
const fillers = new Set(
  (
    'hi hey hello bye gn gm yo sup ok okay yes yeah yep no nah nope gg ggs lets go way chat omg wow xd haha hahaha ' +
    'ty thx thanks pls please im its dont thats u ur like just really get got one now good nice'
  ).split(' '),
);

const isTopicWord = (word: string, login: string) =>
  word.length >= 2 &&
  !stopWords.has(word) &&
  !fillers.has(word) &&
  !laughterWords.has(word) &&
  !hypeWords.has(word) &&
  !/^\d+$/.test(word) &&
  word !== login;

export interface ChatTopic {
  /** A word, or two words chat wrote together about as often as either alone ("boss fight"). */
  word: string;
  /** Chatters who used it. */
  chatters: number;
  /** Times it was written. */
  uses: number;
  /** A message that used it, and when (ms since the stream's start). */
  example: { userLogin: string; text: string; offsetMs: number };
}

export interface ChatTopics {
  streamId: string;
  messages: number;
  topics: ChatTopic[];
  evidence: Evidence;
}

/** The stream's chat topics, most chatters first; null when the stream does not exist. */
export async function getChatTopics(
  store: Store,
  streamId: string,
  options: { limit?: number } = {},
): Promise<ChatTopics | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const startedAt = Number(row.started_at);
  const chat = await loadStreamChat(store, { id: row.id, channelId: row.channel_id, startedAt, endTs: streamEnd(row) });
  if (chat.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const lookup = await loadEmoteSet(store, row.channel_id);
  const words = new Map<string, { users: Set<string>; uses: number; example: ChatTopic['example'] }>();
  const count = (word: string, line: (typeof chat)[number]) => {
    let w = words.get(word);
    if (!w) {
      w = {
        users: new Set(),
        uses: 0,
        example: { userLogin: line.userLogin, text: line.text, offsetMs: line.ts - startedAt },
      };
      words.set(word, w);
    }
    w.users.add(line.userLogin);
    w.uses++;
  };
  for (const line of chat) {
    const kept = splitLineWords(line.text, line.emotes, lookup).words.filter((w) => isTopicWord(w, line.userLogin));
    kept.forEach((word, i) => {
      count(word, line);
      // Two topic words in a row count as a phrase too.
      if (i > 0 && kept[i - 1] !== word) count(`${kept[i - 1]} ${word}`, line);
    });
  }
  // A phrase about as common as each of its words stands for both; a rarer one goes.
  for (const [word, w] of [...words]) {
    const parts = word.split(' ');
    if (parts.length !== 2) continue;
    if (parts.every((p) => (words.get(p)?.users.size ?? 0) <= w.users.size * 1.25))
      for (const p of parts) words.delete(p);
    else words.delete(word);
  }
  const limit = options.limit ?? 10;
  const topics = [...words]
    // A word one chatter wrote is no topic.
    .filter(([, w]) => w.users.size >= 2)
    .map(([word, w]) => ({ word, chatters: w.users.size, uses: w.uses, example: w.example }))
    .sort((a, b) => b.chatters - a.chatters || b.uses - a.uses || a.word.localeCompare(b.word))
    // Pieces of one oft-repeated line ("first time catching a stream live") make one topic, not four.
    .filter((t, i, all) => all.findIndex((u) => u.example.text === t.example.text) === i)
    .slice(0, limit);
  return {
    streamId: row.id,
    messages: chat.length,
    topics,
    evidence: {
      source: 'chat_messages',
      streamIds: [row.id],
      counts: { messages: chat.length, words: words.size },
      note: 'words and phrases counted once per chatter; emotes, stop words, fillers and numbers left out',
    },
  };
}
