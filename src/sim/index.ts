// The Twitch simulator's public face: start it (and its HLS audio), sign streamlens in to it, load scenarios, and
// generate past streams for the demo. Code outside src/sim/ imports the simulator through this file only.

export type { DiscordReceiver, ReceivedDiscordMessage } from './discord/start-discord-receiver.ts';
export { discordLimits, startDiscordReceiver } from './discord/start-discord-receiver.ts';
export type { HistoryFacts } from './history/generate-history.ts';
export { generateHistory, historyFacts } from './history/generate-history.ts';
export type { HlsSimulator, HlsSimulatorOptions } from './hls/hls-simulator.ts';
export { startHlsSimulator } from './hls/hls-simulator.ts';
export { signInToSimulator, simulatorFlags } from './oauth/sign-in.ts';
export { getScenarioLengthMs } from './scenario/build-world.ts';
export { defaultScenarioPath, loadScenario, parseScenario } from './scenario/load-scenario.ts';
export type { Scenario, ScenarioInput } from './scenario/scenario-schema.ts';
export type { ChannelLedger, LedgerSummary, SimLedger } from './sim-ledger.ts';
export type { RunningSimulator, SimulatorOptions } from './start-simulator.ts';
export { startSimulator } from './start-simulator.ts';
