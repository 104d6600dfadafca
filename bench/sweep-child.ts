/**
 * Run as a child process by `sweep-bench.ts` (`node dist/bench/sweep-child.js <cli args…>`): runs
 * one picojoule command in this fresh process, its own output silenced, and prints one JSON line
 * ({@link ChildRun}): its exit code, wall time and the process's peak RSS (worker threads are
 * threads of this process, so their memory is in it).
 */
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './json-child.js';

/** What one command cost. */
export interface ChildRun {
  readonly code: number;
  readonly ms: number;
  readonly peakRssBytes: number;
  /** Its last lines on stderr (a failure's message). */
  readonly err: string;
}

/** Runs `args` as a picojoule command in a fresh Node process and returns what it cost. */
export function runChild(args: readonly string[]): ChildRun {
  return runJsonChild<ChildRun>(fileURLToPath(import.meta.url), args);
}

async function child(args: readonly string[]): Promise<void> {
  const { main } = await import('../src/cli/main.js');
  let err = '';
  const t0 = performance.now();
  const code = await main(args, { out: () => {}, err: (t) => (err = (err + t).slice(-2000)) });
  const ms = performance.now() - t0;
  const run: ChildRun = { code, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, err: err.trim() };
  console.log(JSON.stringify(run));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await child(process.argv.slice(2));
