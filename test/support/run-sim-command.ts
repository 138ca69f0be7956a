// Runs only the `sim` command through commander, for its test (the command table in index.ts is wired elsewhere).
import { Command } from 'commander';
import { registerSimCommand } from '../../src/cli/commands/sim.ts';

const program = new Command().name('streamlens');
registerSimCommand(program);
await program.parseAsync(process.argv);
