import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { getChatMinutes } from './get-chat-minutes.ts';
import { buildTimelineMinutes, getStreamTimeline } from './get-stream-timeline.ts';

describeEachBackend('getStreamTimeline', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('puts chat, viewers, events and transcript on one minute axis', async () => {
    const t = await getStreamTimeline(fx.store, 's-main');
    assert.ok(t);
    assert.equal(t.minutes.length, 120);
    const hype = t.minutes[40]!;
    assert.equal(hype.messages, 26);
    assert.equal(hype.emotes, 13);
    assert.equal(t.minutes[70]!.viewers, 6);
    assert.equal(t.minutes[100]!.viewers, 25);
    assert.equal(t.minutes[60]!.events['ad-break'], 1);
    assert.equal(t.minutes[89]!.events['raid-in'], 1);
    // The 0.3-confidence line is never shown.
    assert.equal(t.transcript.length, 3);
    assert.equal(t.minutes[40]!.transcriptLines, 0);
  });

  it('serves a finished stream from the cache until new chat arrives', async () => {
    const first = await getChatMinutes(fx.store, 's-main');
    const second = await getChatMinutes(fx.store, 's-main');
    assert.equal(first, second);
  });
});

describe('buildTimelineMinutes', () => {
  it('carries viewers forward and leaves minutes before the first poll empty', () => {
    const minutes = buildTimelineMinutes(0, 3 * 60_000, [], [{ ts: 61_000, viewers: 7 }], [], []);
    assert.deepEqual(
      minutes.map((m) => m.viewers),
      [null, 7, 7],
    );
  });
});

describeEachBackend('getChatMinutes with the chat_minutes table', (backend) => {
  it('persists the rollup of a finished stream and reads it back', async () => {
    const fx = await openAnalyticsFixture(backend);
    try {
      const computed = await getChatMinutes(fx.store, 's-main');
      const rows = await fx.store.all<{ messages: number }>('SELECT messages FROM chat_minutes WHERE stream_id = ?', [
        's-main',
      ]);
      assert.equal(rows.length, computed!.length);
      assert.equal(
        rows.reduce((n, r) => n + r.messages, 0),
        computed!.reduce((n, m) => n + m.messages, 0),
      );
    } finally {
      await fx.close();
    }
  });
});
