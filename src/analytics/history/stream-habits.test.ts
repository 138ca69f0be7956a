// When viewers arrive, whether longer streams pay and when the channel goes live, on planted streams with known
// answers: three 90-minute Tuesday streams (viewers rise to 100 over 30 minutes, then hold) and three 240-minute
// Saturday streams (rise to 60 over 30 minutes, then fall to 30 by the end), on both backends.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { firstTuesday, habitsChannelId, planStreamHabits } from '../../../test/support/plan-stream-habits.ts';
import { listStreams } from '../stream/list-streams.ts';
import { getViewerArrival } from '../timeline/get-viewer-arrival.ts';
import { compareStreamLengths } from './compare-stream-lengths.ts';
import { getStreamingSchedule } from './get-streaming-schedule.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const CH = habitsChannelId;

describeEachBackend('stream habits: viewer arrival, stream length, schedule', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openTestStore(backend);
    const { streams, snapshots } = planStreamHabits();
    await fx.store.write({ channels: [makeChannel({ id: CH, login: 'habits', displayName: 'Habits' })], streams });
    await fx.store.write({ snapshots });
  });
  after(() => fx.close());

  it('reads when viewers reach half and nine tenths of the peak, and the viewers in the last half hour', async () => {
    const streams = await listStreams(fx.store, { channelId: CH });
    const r = await getViewerArrival(fx.store, streams);
    assert.equal(r.streams.length, 6);
    const short = r.streams.find((a) => a.streamId === 'h-short-0')!;
    assert.equal(short.peakViewers, 100);
    assert.equal(short.peakOffsetMs, 30 * MIN);
    assert.equal(short.halfPeakOffsetMs, 15 * MIN);
    assert.equal(short.nearPeakOffsetMs, 27 * MIN);
    assert.deepEqual(
      short.viewersAt.map((v) => v.viewers),
      [17, 50, 100, 100],
    );
    assert.equal(short.endViewers, 100);
    const long = r.streams.find((a) => a.streamId === 'h-long-0')!;
    assert.equal(long.peakViewers, 60);
    // The last half hour of a 240-minute stream: minutes 210–240, viewers 34 down to 30.
    assert.ok(long.endViewers > 30 && long.endViewers < 35, String(long.endViewers));
    assert.equal(r.medianHalfPeakMinutes, 15);
    assert.equal(r.medianPeakMinutes, 30);
    assert.equal(r.slowStarts, 0);
  });

  it('sets shorter streams against longer ones and finds the longer ones worse per hour', async () => {
    const r = await compareStreamLengths(fx.store, CH, 0, Date.UTC(2027, 0, 1));
    assert.equal(r.streams, 6);
    assert.equal(r.sameLength, false);
    assert.equal(r.shorter!.streams, 3);
    assert.equal(r.longer!.streams, 3);
    assert.equal(r.shorter!.minutes, 90);
    assert.equal(r.longer!.minutes, 240);
    // (30 minutes ramping at ~50, 60 at 100) ÷ 90 ≈ 83; the long ones ≈ 46.
    assert.ok(r.shorter!.avgViewers > 80, String(r.shorter!.avgViewers));
    assert.ok(r.longer!.avgViewers < 50, String(r.longer!.avgViewers));
    // Half of the streams keep their peak to the end, half keep ~54% of it.
    assert.ok(r.endShareOfPeak! > 0.5 && r.endShareOfPeak! < 1, String(r.endShareOfPeak));
  });

  it('streams of one length cannot be compared', async () => {
    // Only the Tuesday streams: all 90 minutes.
    const r = await compareStreamLengths(fx.store, CH, firstTuesday, firstTuesday + 1);
    assert.equal(r.streams, 1);
    const all90 = await compareStreamLengths(fx.store, CH, firstTuesday, firstTuesday + 3 * DAY);
    assert.equal(all90.sameLength, true);
    assert.equal(all90.shorter, null);
  });

  it('reads the schedule in the asker’s time zone: Tue 21:00 and Sat 19:00 in Berlin, every week', async () => {
    const streams = await listStreams(fx.store, { channelId: CH });
    const r = getStreamingSchedule(streams, 'Europe/Berlin');
    assert.equal(r.streams, 6);
    assert.equal(r.weeks, 3);
    assert.equal(r.weeksWithStreams, 3);
    assert.equal(r.perWeek, 2);
    assert.deepEqual(
      r.slots.map((s) => [s.weekday, s.hour, s.streams]),
      [
        [1, 21, 3],
        [5, 19, 3],
      ],
    );
    assert.deepEqual(r.byWeekday, [0, 3, 0, 0, 0, 3, 0]);
    assert.equal(r.medianDurationMinutes, 165);
    const utc = getStreamingSchedule(streams, 'UTC');
    assert.deepEqual(
      utc.slots.map((s) => [s.weekday, s.hour]),
      [
        [1, 20],
        [5, 18],
      ],
    );
  });
});
