// Every family of questions the built-in analyst answers, in the order ties are broken.

import { adBreaksFamily } from './ad-breaks.ts';
import { adviceFamily } from './advice.ts';
import { bestCategoryFamily } from './best-category.ts';
import { bestStreamFamily } from './best-stream.ts';
import { bestTimeFamily } from './best-time.ts';
import { chatLullsFamily } from './chat-lulls.ts';
import { chatMentionsFamily } from './chat-mentions.ts';
import { chatMoodFamily } from './chat-mood.ts';
import { chatTopicsFamily } from './chat-topics.ts';
import { chatterFamily } from './chatter.ts';
import { compareFamily } from './compare.ts';
import { comparePeriodsFamily } from './compare-periods.ts';
import { emotesFamily } from './emotes.ts';
import { engagementFamily } from './engagement.ts';
import type { Family } from './family.ts';
import { highlightsFamily } from './highlights.ts';
import { lapsedRegularsFamily } from './lapsed-regulars.ts';
import { lurkersFamily } from './lurkers.ts';
import { missedQuestionsFamily } from './missed-questions.ts';
import { moderationFamily } from './moderation.ts';
import { momentFamily } from './moment.ts';
import { newChattersFamily } from './new-chatters.ts';
import { raidsFamily } from './raids.ts';
import { saidOnStreamFamily } from './said-on-stream.ts';
import { scheduleFamily } from './schedule.ts';
import { streamChangesFamily } from './stream-changes.ts';
import { streamEdgesFamily } from './stream-edges.ts';
import { streamLengthFamily } from './stream-length.ts';
import { streamListFamily } from './stream-list.ts';
import { summaryFamily } from './summary.ts';
import { supportersFamily } from './supporters.ts';
import { titlesFamily } from './titles.ts';
import { topChattersFamily } from './top-chatters.ts';
import { totalsFamily } from './totals.ts';
import { trendsFamily } from './trends.ts';
import { viewerArrivalFamily } from './viewer-arrival.ts';
import { viewerChangeFamily } from './viewer-change.ts';

export type { Family } from './family.ts';

export const families: readonly Family[] = [
  raidsFamily,
  adBreaksFamily,
  streamChangesFamily,
  missedQuestionsFamily,
  streamEdgesFamily,
  momentFamily,
  viewerChangeFamily,
  viewerArrivalFamily,
  comparePeriodsFamily,
  compareFamily,
  bestStreamFamily,
  streamListFamily,
  scheduleFamily,
  streamLengthFamily,
  titlesFamily,
  totalsFamily,
  emotesFamily,
  newChattersFamily,
  lapsedRegularsFamily,
  supportersFamily,
  moderationFamily,
  lurkersFamily,
  engagementFamily,
  chatTopicsFamily,
  chatLullsFamily,
  chatMoodFamily,
  chatMentionsFamily,
  saidOnStreamFamily,
  chatterFamily,
  topChattersFamily,
  highlightsFamily,
  bestTimeFamily,
  bestCategoryFamily,
  trendsFamily,
  adviceFamily,
  summaryFamily,
];
