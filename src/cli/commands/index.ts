// Every command of the CLI, in the order `--help` lists them.

import type { Command } from 'commander';
import { registerImportCommand } from './import.ts';
import { registerLoginCommand } from './login.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerLoginCommand, registerImportCommand];
