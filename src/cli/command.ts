import type { Argv } from 'yargs';
import type { Io } from './io.js';

/** A CLI command: its yargs definition and what it does with the parsed arguments. */
export interface Command<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  /** Does the work; a number it returns is the exit code (default 0). */
  readonly run: (args: A, io: Io) => Promise<void | number> | void | number;
}
