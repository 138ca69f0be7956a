// The Twitch simulator in its own process for the scale test and bench (so it does not share an event loop
// with the test): started with a scenario over IPC, it stamps every chat message with its real send time and
// how many chat connections received it, and hands that record back on request.

import { writeFileSync } from 'node:fs';
import { parseScenario, startSimulator } from '../../src/sim/index.ts';

export interface SimChildStart {
  kind: 'start';
  scenario: unknown;
  speed: number;
}
export interface SimChildDump {
  kind: 'dump';
  file: string;
}
export type SimChildRequest = SimChildStart | SimChildDump | { kind: 'stop' };

/** One chat message as the simulator sent it: login, message id, real send time (ms), connections reached. */
export type SentMessage = [login: string, id: string, sentAt: number, deliveredTo: number];

const send = (message: unknown) => process.send?.(message);
let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
const sent: SentMessage[] = [];

process.on('message', async (request: SimChildRequest) => {
  if (request.kind === 'start') {
    sim = await startSimulator({ scenario: parseScenario(request.scenario), speed: request.speed });
    const record = sim.ledger.recordChatMessage.bind(sim.ledger);
    sim.ledger.recordChatMessage = (login, id, deliveredTo) => {
      sent.push([login, id, Date.now(), deliveredTo]);
      record(login, id, deliveredTo);
    };
    send({ kind: 'started', urls: sim.urls });
  } else if (request.kind === 'dump') {
    writeFileSync(request.file, JSON.stringify(sent));
    send({ kind: 'dumped', count: sent.length });
  } else {
    await sim?.stop();
    send({ kind: 'stopped' });
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
