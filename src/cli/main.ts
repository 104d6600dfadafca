import yargs from 'yargs';
import { onJsonWarning } from '../config/read-json.js';
import { UserError } from '../config/user-error.js';
import { processIo, type Io } from './io.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { presetsCommand } from './commands/presets.js';
import { workloadsCommand } from './commands/workloads.js';
import { importCommand } from './commands/import.js';
import { reportCommand } from './commands/report.js';
import { mergeCommand, sweepCommand } from './commands/sweep.js';
import { explainCommand } from './commands/explain.js';
import { compareCommand } from './commands/compare.js';
import { deployCommand } from './commands/deploy.js';
import type { Command } from './command.js';

export type { Command } from './command.js';

const commands: Command<never>[] = [
  simulateCommand,
  validateCommand,
  presetsCommand,
  workloadsCommand,
  importCommand,
  reportCommand,
  explainCommand,
  compareCommand,
  deployCommand,
  sweepCommand,
  mergeCommand,
];

/**
 * Runs the CLI on `argv` and returns the exit code: 0 success, 1 internal error, 2 user error.
 * Never throws; a user error prints one message and no stack trace.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  // Warnings about the documents a command reads go where its messages go.
  const previous = onJsonWarning((m) => io.err(`picojoule: warning: ${m}\n`));
  try {
    return await run(argv, io);
  } finally {
    onJsonWarning(previous);
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let action: Action | undefined;
  const usageErrors: string[] = [];
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
      const line = msg?.replace(/\s*\n\s*/g, ' ');
      if (line && !usageErrors.includes(line)) usageErrors.push(line);
    });
  // After it runs a command, yargs renders the command's whole help text to keep for later
  // (~40 ms, a sixth of a small run) though nothing here asks for it again. Skipped where this
  // yargs has the hook; elsewhere it only costs the time.
  const usage = (y as unknown as { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?(): void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
  // The builder runs only for the command typed, so it marks the command to run.
  let chosen: Command<never> | undefined;
  for (const c of commands)
    y = y.command(c.command, c.describe, (b) => {
      chosen = c;
      return c.builder(b);
    });
  let helpText = '';
  let args: Record<string, unknown>;
  try {
    args = await y.parseAsync([...argv], {}, (_err, _args, output) => {
      helpText = output ?? '';
    });
  } catch (err) {
    return report(err, io);
  }
  if (chosen && !helpText && !usageErrors.length) action = actionOf(chosen, args, argv, usageErrors, io);
  if (usageErrors.length) {
    const named = commands.find((c) => c.command.split(' ')[0] === argv[0]);
    if (!named && !helpText) helpText = await y.getHelp();
    const hint = named ? ` (see \`picojoule ${argv[0]} --help\`)` : '';
    const suggestions = usageErrors.filter((m) => m.startsWith('Did you mean'));
    const message = [
      ...usageErrors.filter((m) => !suggestions.includes(m)).map((m) => flagNames(m, argv)),
      ...suggestions.map((m) => m.replace(/^Did/, 'did')),
      ...(named ? nearestFlags(usageErrors, named) : []),
    ].join('; ');
    io.err(`${!named && helpText ? helpText + '\n\n' : ''}picojoule: ${message}${hint}\n`);
    return 2;
  }
  if (!action) {
    if (helpText) io.out(helpText + '\n');
    return 0;
  }
  for (const flag of repeatedFlags(argv)) io.err(`picojoule: note: ${flag} is given more than once; the last one counts\n`);
  try {
    return (await action()) ?? 0;
  } catch (err) {
    return report(err, io);
  }
}

type Action = () => Promise<void | number> | void | number;

/** What the chosen command does with its arguments; undefined (and a usage error) if they are unusable. */
function actionOf(
  c: Command<never>,
  args: Record<string, unknown>,
  argv: readonly string[],
  usageErrors: string[],
  io: Io,
): Action | undefined {
  // Variadic positionals (`<files..>`) are arrays; any other value repeated on the command line
  // takes its last instance (noted below), never an array the command does not expect.
  const variadic = new Set([...c.command.matchAll(/[<[](\w+)\.\.[>\]]/g)].map((m) => m[1]));
  for (const k of Object.keys(args))
    if (k !== '_' && !variadic.has(k) && Array.isArray(args[k])) args[k] = (args[k] as unknown[]).at(-1);
  // A flag typed with nothing after it (`--csv` last, `--out ''`) would silently do nothing.
  const empty = Object.keys(args).find(
    (k) => k.length > 1 && !/[A-Z]/.test(k) && args[k] === '' && argv.some((a) => a === `--${k}` || a.startsWith(`--${k}=`)),
  );
  if (empty) {
    usageErrors.push(`--${empty}: expected a value after it`);
    return undefined;
  }
  return () => (c.run as (a: unknown, io: Io) => Promise<void | number> | void | number)(args, io);
}

/** For each unknown `--flag`, the command's option nearest to it (at most 2 edits away), as a "did you mean". */
function nearestFlags(errors: readonly string[], command: Command<never>): string[] {
  const unknown = errors.flatMap((m) => /^Unknown arguments?: (.*)$/.exec(m)?.[1].split(', ') ?? []).filter((n) => n.length > 1);
  if (!unknown.length) return [];
  const known = Object.keys((command.builder(yargs([])) as unknown as { getOptions(): { key: object } }).getOptions().key).filter(
    (k) => k.length > 1,
  );
  return unknown.flatMap((name) => {
    let best: string | undefined;
    let bestDistance = 3;
    for (const k of known) {
      const d = editDistance(name, k);
      if (d < bestDistance) [best, bestDistance] = [k, d];
    }
    return best ? [`did you mean --${best}?`] : [];
  });
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Flags that appear more than once on the command line (before a `--`), as typed. */
function repeatedFlags(argv: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const a of argv) {
    if (a === '--') break;
    if (!/^--?[A-Za-z]/.test(a)) continue;
    const flag = a.split('=')[0];
    seen.set(flag, (seen.get(flag) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([f]) => f);
}

/**
 * Writes the option names in yargs' "Unknown argument(s)" and "Missing required argument(s)"
 * messages as the user types them (`--bogus`, `-x`, `--workload`) so the message names the flag.
 */
function flagNames(message: string, argv: readonly string[]): string {
  const m = /^(Unknown arguments?|Missing required arguments?): (.*)$/.exec(message);
  if (!m) return message;
  const unknown = m[1].startsWith('Unknown');
  const names = m[2].split(', ').map((name) => {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) return `--${name}`;
    if (argv.some((a) => a === `-${name}` || (/^-[A-Za-z]+$/.test(a) && a.includes(name)))) return `-${name}`;
    return unknown ? name : `--${name}`;
  });
  return `${m[1]}: ${names.join(', ')}`;
}

function report(err: unknown, io: Io): number {
  if (err instanceof UserError) {
    io.err(`picojoule: ${err.message}\n`);
    return 2;
  }
  io.err(`picojoule: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
