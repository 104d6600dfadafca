import { simulate } from '../src/sim/simulate.js';
import type { Arch } from '../src/hardware/arch.js';
import type { Graph } from '../src/workload/graph.js';

/** One untimed-by-the-harness call: what it produced and how long it took, or why it failed. */
export type TrialRun = { ok: true; events: number; cycles: number; ms: number } | { ok: false; error: string };

/** Simulates once; a network that cannot run on a preset is reported, never fatal to the benchmark. */
export function trySimulate(arch: Arch, graph: Graph): TrialRun {
  try {
    const t0 = performance.now();
    const r = simulate(arch, graph);
    return { ok: true, events: r.totals.events, cycles: r.totals.cycles, ms: performance.now() - t0 };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
