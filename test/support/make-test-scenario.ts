// Small scenarios for the simulator's own tests: a factory with defaults plus one override.

import { parseScenario } from '../../src/sim/scenario/load-scenario.ts';
import type { Scenario, ScenarioInput } from '../../src/sim/scenario/scenario-schema.ts';

type ChannelInput = NonNullable<ScenarioInput['channels']>[number];

/** A channel live from `at` for `duration`, busy enough to chat every few seconds. */
export function makeTestChannel(login: string, id: string, overrides: Partial<ChannelInput> = {}): ChannelInput {
  return {
    login,
    id,
    displayName: login,
    chat: { messagesPerViewerPerMinute: 0.5 },
    streams: [
      {
        at: '1m',
        duration: '20m',
        title: `${login} testing`,
        category: { id: '509658', name: 'Just Chatting' },
        viewers: { base: 60 },
        eventRates: { follow: 120, sub: 20 },
      },
    ],
    ...overrides,
  };
}

/** A validated two-channel scenario; `overrides` replace top-level fields. */
export function makeTestScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return parseScenario({
    seed: 99,
    start: '2024-06-01T18:00:00Z',
    channels: [makeTestChannel('alpha', '1001'), makeTestChannel('bravo', '1002')],
    ...overrides,
  });
}
