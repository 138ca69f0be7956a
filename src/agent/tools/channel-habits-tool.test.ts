import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore, toTestConfig } from '../../../test/support/open-test-store.ts';
import { habitsChannelId, planStreamHabits } from '../../../test/support/plan-stream-habits.ts';
import type { StreamingSchedule } from '../../analytics/index.ts';
import { channelHabitsTool } from './channel-habits-tool.ts';

// The agent gets the schedule, viewer arrival, stream lengths and title words of the planted habits in one call.
describeEachBackend('channel_habits tool', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openTestStore(backend);
    const { streams, snapshots } = planStreamHabits();
    await fx.store.write({ channels: [makeChannel({ id: habitsChannelId, login: 'habits' })], streams });
    await fx.store.write({ snapshots });
  });
  after(() => fx.close());

  it('reads the schedule in the zone asked, the arrival medians and the length halves', async () => {
    const r = (await channelHabitsTool.execute(
      { channel: 'habits', timeZone: 'Europe/Berlin' },
      { store: fx.store, config: toTestConfig(fx) },
    )) as {
      timeZone: string;
      schedule: StreamingSchedule;
      lengths: { sameLength: boolean; shorter: { minutes: number } };
      arrival: { medianPeakMinutes: number; streamsWithViewerCounts: number };
    };
    assert.equal(r.timeZone, 'Europe/Berlin');
    assert.deepEqual(
      r.schedule.slots.map((s) => [s.weekday, s.hour]),
      [
        [1, 21],
        [5, 19],
      ],
    );
    assert.equal(r.lengths.sameLength, false);
    assert.equal(r.lengths.shorter.minutes, 90);
    assert.equal(r.arrival.medianPeakMinutes, 30);
    assert.equal(r.arrival.streamsWithViewerCounts, 6);
    const utc = (await channelHabitsTool.execute(
      { channel: 'habits', timeZone: 'Not/AZone' },
      { store: fx.store, config: toTestConfig(fx) },
    )) as { timeZone: string };
    assert.equal(utc.timeZone, 'UTC');
  });
});
