// What chat talked about in a stream: its most used words and two-word phrases (not emotes — 7TV/BTTV/FFZ ones of
// the channel's kept sets included — nor stop words, chat's fillers and reactions, or numbers), counted by how many
// chatters used them so one spammer does not make a topic, each with one message that did.

import type { Store } from '../../store/store.ts';
import { splitLineWords } from '../lib/emote-words.ts';
import { hypeWords, laughterWords, stopWords } from '../lib/lexicon.ts';
import { rankTopics } from '../lib/rank-topics.ts';
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

export const isTopicWord = (word: string, login: string) =>
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
  const topics = rankTopics(
    chat.map((line) => ({
      voice: line.userLogin,
      words: splitLineWords(line.text, line.emotes, lookup).words.filter((w) => isTopicWord(w, line.userLogin)),
      example: { userLogin: line.userLogin, text: line.text, offsetMs: line.ts - startedAt },
    })),
    options.limit ?? 10,
  ).map(({ voices, ...t }) => ({ ...t, chatters: voices }));
  return {
    streamId: row.id,
    messages: chat.length,
    topics,
    evidence: {
      source: 'chat_messages',
      streamIds: [row.id],
      counts: { messages: chat.length, topics: topics.length },
      note: 'words and phrases counted once per chatter; emotes, stop words, fillers and numbers left out',
    },
  };
}
