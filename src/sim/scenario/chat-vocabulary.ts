// What simulated chatters say when a scenario does not bring its own words: greetings, questions, laughter,
// ordinary lines and emotes (native Twitch emotes with their real ids, third-party ones as plain text: a provider
// puts one in the channel's set at the simulated 7TV/BetterTTV/FrankerFaceZ; others may be in their global sets).

import type { ChatSettings } from './scenario-schema.ts';

export const defaultEmotes: ChatSettings['emotes'] = [
  { name: 'Kappa', id: '25' },
  { name: 'PogChamp', id: '305954156' },
  { name: 'LUL', id: '425618' },
  { name: 'Kreygasm', id: '41' },
  { name: 'HeyGuys', id: '30259' },
  { name: 'BibleThump', id: '86' },
  { name: 'KEKW', provider: '7tv' },
  { name: 'OMEGALUL', provider: 'ffz' },
  { name: 'monkaS' },
  { name: 'catJAM', provider: '7tv' },
  { name: 'pepeD', provider: 'bttv' },
];

export const defaultGreetings = ['hi chat', 'hello!', 'hey everyone', 'yo', 'good evening', 'hiii', 'o7'];

export const defaultQuestions = [
  'what game is this?',
  'how long have you been streaming today?',
  'what keyboard do you use?',
  'is this your first playthrough?',
  'when is the next stream?',
  'what rank are you?',
  'can you show the settings?',
];

export const defaultLaughter = ['LUL', 'KEKW', 'hahaha', 'OMEGALUL', 'lmao', 'LUL LUL'];

export const defaultLines = [
  'nice one',
  'that was close',
  'lets go',
  'gg',
  'clean',
  'no way',
  'this music is great',
  'chat is fast today',
  'that boss is brutal',
  'first time catching a stream live',
  'love this build',
  'try the other path',
];

export const streamerAnswers = ['good question!', 'yes, for sure', 'about two hours so far', 'check the panels below'];

/** A chat settings object with empty vocabulary lists filled from the defaults above. */
export function withDefaultVocabulary(chat: ChatSettings): ChatSettings {
  return {
    ...chat,
    emotes: chat.emotes.length > 0 ? chat.emotes : defaultEmotes,
    greetings: chat.greetings.length > 0 ? chat.greetings : defaultGreetings,
    questions: chat.questions.length > 0 ? chat.questions : defaultQuestions,
    laughter: chat.laughter.length > 0 ? chat.laughter : defaultLaughter,
    lines: chat.lines.length > 0 ? chat.lines : defaultLines,
  };
}
