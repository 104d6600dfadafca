import yargs, { type Argv } from 'yargs';
import { UserError } from '../spec/user-error.js';
import { processIo, type Io } from './io.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { presetsCommand } from './commands/presets.js';
import { workloadsCommand } from './commands/workloads.js';
import { importCommand } from './commands/import.js';

/** A CLI command: its yargs definition and what it does with the parsed arguments. */
export interface Command<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  readonly run: (args: A, io: Io) => Promise<void> | void;
}

const commands: Command<never>[] = [simulateCommand, validateCommand, presetsCommand, workloadsCommand, importCommand];

/**
 * Runs the CLI on `argv` and returns the exit code: 0 success, 1 internal error, 2 user error.
 * Never throws; a user error prints one message and no stack trace.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let action: (() => Promise<void> | void) | undefined;
  let usageError: string | undefined;
  let y = yargs([...argv])
    .scriptName('picojoule')
    .usage('$0 <command> [options]\n\nCycle-approximate neural-accelerator simulator: cycles, joules and where they go.')
    .strict()
    .demandCommand(1, 'name a command (see the list above)')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue('Exit codes: 0 success, 1 internal error, 2 bad input.')
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  for (const c of commands) {
    y = y.command(c.command, c.describe, c.builder, (args) => {
      action = () => (c.run as (a: unknown, io: Io) => Promise<void> | void)(args, io);
    });
  }
  let helpText = '';
  try {
    await y.parseAsync([...argv], {}, (_err, _args, output) => {
      helpText = output ?? '';
    });
  } catch (err) {
    return report(err, io);
  }
  if (usageError !== undefined) {
    io.err(`${helpText ? helpText + '\n\n' : ''}picojoule: ${usageError}\n`);
    return 2;
  }
  if (!action) {
    if (helpText) io.out(helpText + '\n');
    return 0;
  }
  try {
    await action();
    return 0;
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  if (err instanceof UserError) {
    io.err(`picojoule: ${err.message}\n`);
    return 2;
  }
  io.err(`picojoule: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
