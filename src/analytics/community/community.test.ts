import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, CH, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { getChatQuestions, isQuestionToStreamer } from '../chat/get-chat-questions.ts';
import { getStreamCommunity } from './get-stream-community.ts';
import { getTopChatters } from './get-top-chatters.ts';

const regulars = ['reg1', 'reg2', 'reg3', 'reg4', 'reg5'];

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
    assert.ok(c.topChatters.length > 0);
    assert.ok(!c.topChatters.some((t) => t.userLogin === 'smallstreamer'), 'the broadcaster is not a top chatter');
  });

  it("ranks the channel's top chatters by messages or by streams attended", async () => {
    const byMessages = await getTopChatters(fx.store, CH, { limit: 6 });
    assert.ok(!('status' in byMessages));
    assert.deepEqual(new Set(byMessages.chatters.slice(0, 5).map((c) => c.userLogin)), new Set(regulars));
    assert.ok(byMessages.chatters.every((c, i, all) => i === 0 || all[i - 1]!.messages >= c.messages));
    const all = await getTopChatters(fx.store, CH, { limit: 100 });
    assert.ok(
      !('status' in all) && !all.chatters.some((c) => c.userLogin === 'smallstreamer'),
      'never the broadcaster',
    );
    const byStreams = await getTopChatters(fx.store, CH, { order: 'streams', limit: 6 });
    assert.ok(!('status' in byStreams));
    assert.deepEqual(
      byStreams.chatters.map((c) => c.streams),
      [8, 8, 8, 8, 8, 2],
    );
    assert.equal(byStreams.chatters[5]?.userLogin, 'newbie1');
    assert.deepEqual(await getTopChatters(fx.store, '2002'), { status: 'no-data', reason: 'no chatters recorded yet' });
  });

  it('ranks top chatters over the streams of a period as a recount of their messages there does', async () => {
    const starts = (
      await fx.store.all<{ started_at: number }>(
        'SELECT started_at FROM streams WHERE channel_id = ? ORDER BY started_at',
        [CH],
      )
    ).map((r) => Number(r.started_at));
    const from = starts[Math.floor(starts.length / 2)]!;
    const to = starts[starts.length - 1]!; // the last stream is left out
    const got = await getTopChatters(fx.store, CH, { from, to, limit: 100 });
    assert.ok(!('status' in got));
    const recount = await fx.store.all<{ user_login: string; messages: number; streams: number }>(
      `SELECT MAX(m.user_login) AS user_login, COUNT(*) AS messages, COUNT(DISTINCT m.stream_id) AS streams
       FROM chat_messages m JOIN streams s ON s.id = m.stream_id
       WHERE m.channel_id = ? AND s.started_at >= ? AND s.started_at < ? AND m.user_id <> ?
       GROUP BY m.user_id`,
      [CH, from, to, CH],
    );
    const key = (c: { userLogin?: string; user_login?: string; messages: number; streams: number }) =>
      `${c.userLogin ?? c.user_login}:${Number(c.messages)}:${Number(c.streams)}`;
    assert.deepEqual(got.chatters.map(key).sort(), recount.map(key).sort());
    assert.ok(got.chatters.every((c, i, all) => i === 0 || all[i - 1]!.messages >= c.messages));
    const none = await getTopChatters(fx.store, CH, { from: 0, to: 1 });
    assert.deepEqual(none, { status: 'no-data', reason: 'no chatters recorded in that time' });
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
