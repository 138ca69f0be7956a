// The Twitch simulator's public face: start it, load scenarios, and generate past streams for the demo.

export type { HistoryFacts } from './generate-history.ts';
export { generateHistory, historyFacts } from './generate-history.ts';
export { defaultScenarioPath, loadScenario, parseScenario } from './load-scenario.ts';
export type { Scenario, ScenarioInput } from './scenario-schema.ts';
export type { ChannelLedger, LedgerSummary, SimLedger } from './sim-ledger.ts';
export type { RunningSimulator, SimulatorOptions } from './start-simulator.ts';
export { startSimulator } from './start-simulator.ts';
