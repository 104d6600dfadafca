/**
 * `npm run bench`: how fast picojoule simulates the built-in networks on every preset, how much
 * memory it keeps, and how its wall time compares with SCALE-Sim v2 on SCALE-Sim's own inputs.
 * Speed and memory are reported as ratios to baselines measured in this same process, so the
 * numbers travel between machines better than raw milliseconds do. Nothing here is asserted.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { formatCount } from '../src/report/format.js';
import { plainTable } from '../src/report/plain-table.js';
import { simulate } from '../src/sim/simulate.js';
import { type Arch } from '../src/hardware/arch.js';
import { loadArch } from '../src/load/load-arch.js';
import { listPresets } from '../src/load/list-presets.js';
import type { Graph } from '../src/workload/graph.js';
import { loadWorkload } from '../src/load/load-workload.js';
import { baselineLoop } from './baseline-loop.js';
import { measureColdStart, type ColdStart } from './cold-start.js';
import { printScalesimComparison } from './compare-scalesim.js';
import { printSweepBench } from './sweep-bench.js';
import { collectGarbage, peakRssBytes } from './heap-after.js';
import { printMemoryFlat } from './memory-flat.js';
import { timeRuns, type TimingStats } from './time-runs.js';
import { trySimulate } from './try-simulate.js';

const NETWORKS = ['resnet-50', 'mobilenet-v2'];
/** The small network each preset's rows are also compared with. */
const SMALL = 'tiny';
const MIN_SECONDS = 0.5;
/** The issue's target: ResNet-50 on a preset in under 50 ms on one core. */
const TARGET_NETWORK = 'resnet-50';
const TARGET_MS = 50;
const MB = 1024 * 1024;

const fixed = (x: number, digits: number) => x.toFixed(digits);
const ratio = (x: number) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const perSecond = (count: number, ms: number) => (ms > 0 ? formatCount((count * 1000) / ms) : '—');

/** One preset × network, timed. */
interface Row {
  readonly preset: string;
  readonly network: string;
  readonly layers: number;
  readonly events: number;
  readonly cycles: number;
  readonly timing: TimingStats;
  /** The pair's first call, before its warm-up (earlier pairs have already run in this process). */
  readonly firstMs: number;
  /** Median time of the small network on the same preset, if it runs there. */
  readonly smallMs: number | undefined;
  readonly peakRss: number;
}

function printHeader(): void {
  const cpu = cpus();
  console.log('picojoule benchmark');
  console.log(
    `node ${process.version}, ${cpu.length} logical CPU(s) (${cpu[0]?.model.trim() ?? 'unknown'}), ${process.platform}/${process.arch}`,
  );
  console.log(
    `load average (1 min) at start: ${fixed(loadavg()[0], 2)} — other processes on these cores slow every number below`,
  );
  console.log(`global.gc: ${collectGarbage ? 'available' : 'missing (run node with --expose-gc for the memory section)'}`);
  console.log('simulate() runs on one core (JavaScript is single-threaded here); each pair is warmed up, then');
  console.log(`timed call by call for >= ${MIN_SECONDS} s; the median call is reported.\n`);
}

/** Times the small network on one preset, or says why it cannot run there. */
function timeSmall(arch: Arch, small: Graph): { ms?: number; error?: string } {
  const check = trySimulate(arch, small);
  if (!check.ok) return { error: check.error };
  return { ms: timeRuns(() => simulate(arch, small), { minSeconds: MIN_SECONDS / 5 }).medianMs };
}

function measurePresets(small: Graph, smallErrors: Map<string, string>): Row[] {
  const graphs = NETWORKS.map((name) => loadWorkload(name));
  const rows: Row[] = [];
  for (const preset of listPresets()) {
    const arch = loadArch(preset.name);
    const s = timeSmall(arch, small);
    if (s.error) smallErrors.set(preset.name, s.error);
    for (const graph of graphs) {
      const check = trySimulate(arch, graph);
      if (!check.ok) {
        console.log(`  ${preset.name} × ${graph.name}: failed: ${check.error}`);
        continue;
      }
      const timing = timeRuns(() => simulate(arch, graph), { minSeconds: MIN_SECONDS });
      rows.push({
        preset: preset.name,
        network: graph.name,
        layers: graph.layers.length,
        events: check.events,
        cycles: check.cycles,
        timing,
        firstMs: check.ms,
        smallMs: s.ms,
        peakRss: peakRssBytes(),
      });
    }
  }
  return rows;
}

function printSpeedTable(rows: readonly Row[], loopMs: number, baseRss: number): void {
  const head = [
    'preset',
    'network',
    'layers',
    'reps',
    'ms/network',
    '1st call ms',
    '× loop',
    `× ${SMALL}`,
    'events',
    'events/s',
    'sim cycles/s',
    'peak RSS',
    'RSS × base',
  ];
  const table = plainTable(head, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  for (const r of rows) {
    const ms = r.timing.medianMs;
    table.push([
      r.preset,
      r.network,
      String(r.layers),
      String(r.timing.reps),
      fixed(ms, 3),
      fixed(r.firstMs, 1),
      ratio(ms / loopMs),
      r.smallMs === undefined ? 'n/a' : ratio(ms / r.smallMs),
      formatCount(r.events),
      perSecond(r.events, ms),
      perSecond(r.cycles, ms),
      `${fixed(r.peakRss / MB, 0)} MB`,
      ratio(r.peakRss / baseRss),
    ]);
  }
  console.log(table.toString());
}

/** Each preset's target network in a fresh Node process: what a one-shot CLI run pays. */
function printColdStarts(loopMs: number): Map<string, ColdStart> {
  console.log(
    `\nCold start: ${TARGET_NETWORK} in a fresh Node process per preset (bench/cold-start.ts; module loading not counted).`,
  );
  console.log('"load" = loadArch + loadWorkload (first use compiles JSON schemas and sets up mathjs).');
  const table = plainTable(
    ['preset', 'load ms', '1st simulate ms', '2nd simulate ms', '1st × loop', '1st / 2nd'],
    [1, 2, 3, 4, 5],
  );
  const cold = new Map<string, ColdStart>();
  for (const preset of listPresets()) {
    try {
      const c = measureColdStart(preset.name, TARGET_NETWORK);
      cold.set(preset.name, c);
      table.push([
        preset.name,
        fixed(c.loadMs, 1),
        fixed(c.firstMs, 1),
        fixed(c.secondMs, 1),
        ratio(c.firstMs / loopMs),
        ratio(c.firstMs / c.secondMs),
      ]);
    } catch (err) {
      console.log(`  ${preset.name}: cold-start child failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(table.toString());
  return cold;
}

function printTarget(rows: readonly Row[], cold: ReadonlyMap<string, ColdStart>): void {
  const target = rows.filter((r) => r.network === TARGET_NETWORK);
  if (target.length === 0) return;
  const worst = target.reduce((a, b) => (b.timing.medianMs > a.timing.medianMs ? b : a));
  const over = target.filter((r) => r.timing.medianMs > TARGET_MS).map((r) => r.preset);
  console.log(`\nTarget: ${TARGET_NETWORK} on a preset in under ${TARGET_MS} ms on one core.`);
  console.log(
    `  warm (median call): ${over.length ? `MISSED on ${over.join(', ')}` : 'met on every preset'}; slowest ${worst.preset} at ` +
      `${fixed(worst.timing.medianMs, 3)} ms (${ratio(TARGET_MS / worst.timing.medianMs)} under the target).`,
  );
  if (cold.size === 0) return;
  const coldOver = [...cold].filter(([, c]) => c.firstMs > TARGET_MS).map(([p, c]) => `${p} ${fixed(c.firstMs, 0)} ms`);
  const coldWorst = Math.max(...[...cold.values()].map((c) => c.firstMs));
  console.log(
    `  cold (first call in a fresh process): ${coldOver.length ? `over the target on ${coldOver.join(', ')}` : `met on every preset (slowest ${fixed(coldWorst, 1)} ms)`}.`,
  );
}

function main(): void {
  const started = performance.now();
  printHeader();
  const loop = timeRuns(baselineLoop, { minSeconds: MIN_SECONDS });
  const baseRss = peakRssBytes();
  console.log(
    `Baseline "loop" (fixed pure-JS binary-heap loop, bench/baseline-loop.ts): ${fixed(loop.medianMs, 3)} ms median over ${loop.reps} reps.`,
  );
  console.log(`Baseline RSS (peak after the loop, before any simulation): ${fixed(baseRss / MB, 0)} MB.`);
  console.log(
    `"× ${SMALL}" = time per network / time of ${SMALL} on the same preset; "1st call" = the pair's first, unwarmed call`,
  );
  console.log('(other pairs already ran in this process); peak RSS is the process maximum so far.\n');

  const smallErrors = new Map<string, string>();
  const rows = measurePresets(loadWorkload(SMALL), smallErrors);
  printSpeedTable(rows, loop.medianMs, baseRss);
  for (const [preset, error] of smallErrors) console.log(`  n/a: ${SMALL} does not simulate on ${preset}: ${error}`);
  const cold = printColdStarts(loop.medianMs);
  printTarget(rows, cold);
  printMemoryFlat(SMALL, TARGET_NETWORK);
  printScalesimComparison(resolve(process.cwd(), 'reference/scalesim'), MIN_SECONDS / 2);
  printSweepBench();
  console.log(
    `\nBenchmark wall time ${fixed((performance.now() - started) / 1000, 1)} s; load average (1 min) at end: ${fixed(loadavg()[0], 2)}.`,
  );
}

main();
