import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../test/support/open-analytics-fixture.ts';
import { getChatQuestions, isQuestionToStreamer } from './get-chat-questions.ts';
import { getStreamCommunity } from './get-stream-community.ts';

describeEachBackend('community and questions', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('separates first-timers from returning chatters and tracks who came back and who got no reply', async () => {
    const c = await getStreamCommunity(fx.store, 's-main');
    assert.ok(c && !('status' in c));
    const byLogin = new Map(c.firstTimers.map((f) => [f.userLogin, f]));
    assert.equal(byLogin.get('newbie1')?.gotReply, true);
    assert.equal(byLogin.get('newbie1')?.laterStreams, 1);
    assert.equal(byLogin.get('newbie2')?.gotReply, false);
    assert.ok(c.unrepliedFirstTimers.includes('newbie2'));
    assert.ok(!c.unrepliedFirstTimers.includes('newbie1'));
    assert.equal(c.firstTimersReturned, 1);
    assert.ok(!byLogin.has('reg1'), 'regulars are returning chatters');
    assert.equal(c.newChatters + c.returningChatters, c.chatters);
  });

  it('finds questions, unanswered first, answered by reply or on stream', async () => {
    const q = await getChatQuestions(fx.store, 's-main');
    assert.ok(q && !('status' in q));
    const flat = q.questions.map((x) => [x.text, x.answeredBy]);
    assert.deepEqual(flat[0], ['how long have you been streaming?', null]);
    assert.ok(flat.some(([t, by]) => t === 'what rank are you?' && by === 'reply'));
    assert.ok(flat.some(([t, by]) => t === 'what keyboard do you use?' && by === 'transcript'));
  });
});

describe('isQuestionToStreamer', () => {
  it('does not count questions aimed at other chatters', () => {
    assert.equal(
      isQuestionToStreamer({ text: '@reg2 are you ok?', replyParentUserLogin: null }, 'smallstreamer'),
      false,
    );
    assert.equal(isQuestionToStreamer({ text: 'how old are you', replyParentUserLogin: null }, 'smallstreamer'), true);
    assert.equal(isQuestionToStreamer({ text: 'how is everyone', replyParentUserLogin: null }, 'smallstreamer'), false);
    assert.equal(isQuestionToStreamer({ text: 'nice play', replyParentUserLogin: null }, 'smallstreamer'), false);
  });
});
