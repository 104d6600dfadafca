/**
 * Run as a child process by `run.ts` (`node dist/bench/cold-start.js <preset> <network>`): times,
 * in a fresh Node process, loading the preset and network and the first and second `simulate()`
 * calls, and prints them as one JSON line ({@link ColdStart}).
 */
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './json-child.js';

/** Milliseconds spent in a fresh process (module loading before `main` not included). */
export interface ColdStart {
  /** `loadArch` + `loadWorkload` (first use: schemas compiled, mathjs set up). */
  readonly loadMs: number;
  /** The first `simulate()` call (its code not yet optimised, the cost table read for the first time). */
  readonly firstMs: number;
  /** The second call. */
  readonly secondMs: number;
}

/** Spawns this file in a fresh Node process for one preset × network and returns its timings. */
export function measureColdStart(preset: string, network: string): ColdStart {
  return runJsonChild<ColdStart>(fileURLToPath(import.meta.url), [preset, network]);
}

async function main(preset: string, network: string): Promise<void> {
  const { loadArch } = await import('../src/load/load-arch.js');
  const { loadWorkload } = await import('../src/load/load-workload.js');
  const { simulate } = await import('../src/sim/simulate.js');
  const t0 = performance.now();
  const arch = loadArch(preset);
  const graph = loadWorkload(network);
  const t1 = performance.now();
  simulate(arch, graph);
  const t2 = performance.now();
  simulate(arch, graph);
  const t3 = performance.now();
  const result: ColdStart = { loadMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2 };
  console.log(JSON.stringify(result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2], process.argv[3]);
