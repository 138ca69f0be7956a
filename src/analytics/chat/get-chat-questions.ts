// Questions asked in chat and whether the streamer answered them (a reply, an @mention, or words of the
// question said on stream soon after).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { stopWords, tokenize } from '../lib/lexicon.ts';
import type { Evidence, NoData } from '../results.ts';
import { getStreamRollupPart } from '../rollup/get-stream-rollup.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { loadTranscript, type TranscriptLine } from '../timeline/load-transcript.ts';
import { addresses, isStaff, loadStreamChat, type StreamChatLine } from './load-chat.ts';

export interface ChatQuestionsOptions {
  /** How long after a question an answer counts (default 5 min). */
  answerWindowMs?: number;
  minConfidence?: number;
}

const questionStart =
  /^(who|what|when|where|why|how|which|can|could|do|does|did|is|are|was|will|would|should|have|has)\b/i;

/** Questions of a stream, unanswered first; null when the stream does not exist. A finished stream's are kept. */
export async function getChatQuestions(
  store: Store,
  streamId: string,
  options: ChatQuestionsOptions = {},
): Promise<StreamQuestions | NoData | null> {
  if (options.answerWindowMs === undefined) {
    const rolled = await getStreamRollupPart(store, streamId, 'questions', options);
    if (rolled) return rolled;
  }
  return computeChatQuestions(store, streamId, options);
}

/** The questions of a stream from its chat (never its rollup); null when the stream does not exist. */
export async function computeChatQuestions(
  store: Store,
  streamId: string,
  options: ChatQuestionsOptions = {},
): Promise<StreamQuestions | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const s = { id: info.id, channelId: info.channelId, startedAt: info.startedAt, endTs: streamEnd(row) };
  const window = options.answerWindowMs ?? 5 * 60_000;
  const chat = await loadStreamChat(store, s);
  if (chat.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const transcript = await loadTranscript(store, s, s.startedAt, s.endTs + window, options.minConfidence);
  const streamerLogin = info.channelLogin ?? '';
  const staff = chat.filter((l) => isStaff(l, s.channelId));
  const questions = chat
    .filter((l) => !isStaff(l, s.channelId) && isQuestionToStreamer(l, streamerLogin))
    .map((q) => answer(q, staff, transcript, window, s.startedAt));
  questions.sort((a, b) => Number(a.answered) - Number(b.answered) || a.ts - b.ts);
  const answered = questions.filter((q) => q.answered).length;
  return {
    stream: info,
    questions,
    answered,
    unanswered: questions.length - answered,
    answerWindowMs: window,
    evidence: {
      source: 'chat_messages+transcript_segments',
      streamIds: [s.id],
      counts: { messages: chat.length, questions: questions.length, transcriptLines: transcript.length },
    },
  };
}

/** A question (`?` at the end, or a question word first and "you") not aimed at another chatter. Pure. */
export function isQuestionToStreamer(
  line: Pick<StreamChatLine, 'text' | 'replyParentUserLogin'>,
  streamerLogin: string,
): boolean {
  const text = line.text.trim();
  // Without a `?`, a question word alone is too loose ("how is everyone"): it must also speak to the streamer.
  const toYou =
    /\b(you|your|u|ur)\b/i.test(text) ||
    (streamerLogin !== '' && text.toLowerCase().includes(streamerLogin.toLowerCase()));
  if (!(text.endsWith('?') || (questionStart.test(text) && toYou))) return false;
  if (line.replyParentUserLogin && line.replyParentUserLogin.toLowerCase() !== streamerLogin.toLowerCase())
    return false;
  const mention = /@(\w+)/.exec(text);
  return !mention || mention[1]!.toLowerCase() === streamerLogin.toLowerCase();
}

function answer(
  q: StreamChatLine,
  staff: readonly StreamChatLine[],
  transcript: readonly TranscriptLine[],
  window: number,
  startedAt: number,
): ChatQuestion {
  const base = { ts: q.ts, offsetMs: q.ts - startedAt, userLogin: q.userLogin, text: q.text };
  const inWindow = (ts: number) => ts > q.ts && ts <= q.ts + window;
  const reply = staff.find((l) => inWindow(l.ts) && l.replyParentId === q.id);
  if (reply) return { ...base, answered: true, answeredBy: 'reply', answerTs: reply.ts, answerText: reply.text };
  const mention = staff.find((l) => inWindow(l.ts) && addresses(l, q.userLogin));
  if (mention)
    return { ...base, answered: true, answeredBy: 'mention', answerTs: mention.ts, answerText: mention.text };
  const keys = new Set(tokenize(q.text).filter((w) => w.length >= 4 && !stopWords.has(w)));
  const said = transcript.find((t) => inWindow(t.ts) && tokenize(t.text).some((w) => keys.has(w)));
  if (said) return { ...base, answered: true, answeredBy: 'transcript', answerTs: said.ts, answerText: said.text };
  return { ...base, answered: false, answeredBy: null, answerTs: null, answerText: null };
}

export interface ChatQuestion {
  ts: EpochMs;
  offsetMs: number;
  userLogin: string;
  text: string;
  answered: boolean;
  answeredBy: 'reply' | 'mention' | 'transcript' | null;
  answerTs: EpochMs | null;
  answerText: string | null;
}

export interface StreamQuestions {
  stream: StreamInfo;
  /** Unanswered first, then by time. */
  questions: ChatQuestion[];
  answered: number;
  unanswered: number;
  answerWindowMs: number;
  evidence: Evidence;
}
