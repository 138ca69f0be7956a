// Every command of the CLI, in the order `--help` lists them. A command imports its heavy modules (the web
// server, the agent, the simulator, analytics) inside its action, so `--help` and the light commands start fast.

import type { Command } from 'commander';
import { registerAskCommand } from './ask.ts';
import { registerDbCommand } from './db.ts';
import { registerDemoCommand } from './demo.ts';
import { registerEmotesCommand } from './emotes.ts';
import { registerImportCommand } from './import.ts';
import { registerLoginCommand } from './login.ts';
import { registerMcpCommand } from './mcp.ts';
import { registerMigrateStoreCommand } from './migrate-store.ts';
import { registerQueryCommand } from './query.ts';
import { registerReportCommand } from './report.ts';
import { registerSimCommand } from './sim.ts';
import { registerStartCommands } from './start.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerStartCommands,
  registerDemoCommand,
  registerLoginCommand,
  registerReportCommand,
  registerAskCommand,
  registerImportCommand,
  registerEmotesCommand,
  registerQueryCommand,
  registerMcpCommand,
  registerSimCommand,
  registerDbCommand,
  registerMigrateStoreCommand,
];
