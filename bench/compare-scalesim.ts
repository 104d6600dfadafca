import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCount } from '../src/report/format.js';
import { plainTable } from '../src/report/plain-table.js';
import { importScalesim } from '../src/import/scalesim.js';
import { simulate } from '../src/sim/simulate.js';
import { loadArch } from '../src/load/load-arch.js';
import { loadWorkload } from '../src/load/load-workload.js';
import { timeRuns, type TimingStats } from './time-runs.js';
import { SCALESIM_TOPOLOGY_FILES } from '../src/import/scalesim-reference.js';

/** One SCALE-Sim v2 reference run (a row of `runtimes.csv`) beside picojoule on the same inputs. */
export interface ScalesimComparison {
  readonly config: string;
  readonly dataflow: string;
  readonly topology: string;
  readonly layers: number;
  /** SCALE-Sim's wall time for the whole `scale.py` process, seconds (measured elsewhere). */
  readonly scalesimSeconds: number;
  /** picojoule `simulate()` alone, arch and workload already loaded. */
  readonly simulate: TimingStats;
  /** picojoule import of the .cfg + .csv, loading both documents, and `simulate()`. */
  readonly endToEnd: TimingStats;
}

export interface RuntimeRow {
  readonly config: string;
  readonly dataflow: string;
  readonly topology: string;
  readonly seconds: number;
  readonly layers: number;
}

export function readRuntimes(file: string): RuntimeRow[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [config, dataflow, topology, seconds, layers] = line.split(',');
      return { config, dataflow, topology, seconds: Number(seconds), layers: Number(layers) };
    });
}

/**
 * The .cfg SCALE-Sim ran: its config with `Dataflow` set to the run's dataflow (as the reference
 * runner did with sed), written into `workDir`.
 */
export function configFor(refDir: string, workDir: string, config: string, dataflow: string): string {
  const candidates = [join(refDir, 'configs/variants', `${config}.cfg`), join(refDir, 'configs/original', `${config}.cfg`)];
  const source = candidates.find((f) => existsSync(f));
  if (!source) throw new Error(`no SCALE-Sim config "${config}" under ${refDir}/configs`);
  const text = readFileSync(source, 'utf8').replace(/^Dataflow\s*:.*$/m, `Dataflow : ${dataflow}`);
  const file = join(workDir, `${config}_${dataflow}.cfg`);
  writeFileSync(file, text);
  return file;
}

/**
 * Runs every topology × config × dataflow of SCALE-Sim's `runtimes.csv` through picojoule's
 * importer and simulator and times it. Undefined when the reference folder is missing.
 */
export function compareScalesim(refDir: string, workDir: string, minSeconds: number): ScalesimComparison[] | undefined {
  const runtimes = join(refDir, 'runtimes.csv');
  if (!existsSync(runtimes)) return undefined;
  mkdirSync(workDir, { recursive: true });
  const rows = readRuntimes(runtimes).filter((r) => SCALESIM_TOPOLOGY_FILES[r.topology] !== undefined);
  rows.sort(
    (a, b) => a.topology.localeCompare(b.topology) || a.config.localeCompare(b.config) || a.dataflow.localeCompare(b.dataflow),
  );
  return rows.map((row) => {
    const configFile = configFor(refDir, workDir, row.config, row.dataflow);
    const topologyFile = join(refDir, 'topologies', SCALESIM_TOPOLOGY_FILES[row.topology]);
    const outDir = join(workDir, `${row.config}_${row.dataflow}_${row.topology}`);
    const load = () => {
      importScalesim({ configFile, topologyFile, outDir });
      return { arch: loadArch(join(outDir, 'arch.json')), graph: loadWorkload(join(outDir, 'workload.json')) };
    };
    const { arch, graph } = load();
    const sim = timeRuns(() => simulate(arch, graph), { minSeconds });
    const endToEnd = timeRuns(
      () => {
        const loaded = load();
        return simulate(loaded.arch, loaded.graph);
      },
      { minSeconds, warmupSeconds: 0.05 },
    );
    const { config, dataflow, topology, seconds } = row;
    return { config, dataflow, topology, layers: graph.layers.length, scalesimSeconds: seconds, simulate: sim, endToEnd };
  });
}

/** Prints the comparison table (or why it was skipped); works in a temporary folder it removes. */
export function printScalesimComparison(refDir: string, minSeconds: number): void {
  const work = mkdtempSync(join(tmpdir(), 'picojoule-bench-'));
  try {
    const rows = compareScalesim(refDir, work, minSeconds);
    if (!rows) {
      console.log(`\nSCALE-Sim v2 comparison skipped: ${join(refDir, 'runtimes.csv')} not found.`);
      return;
    }
    console.log('\nAgainst SCALE-Sim v2 on its own inputs (config × dataflow × topology of runtimes.csv, imported with');
    console.log("importScalesim). SCALE-Sim's wall times were measured on a similar 2-vCPU x86-64 machine, one run per");
    console.log('core, NOT in this process; they cover the whole scale.py process (~0.5–1 s of it is Python start-up).');
    console.log('"ours e2e" = import .cfg/.csv + load both documents + simulate, in this process (no Node start-up).');
    const table = plainTable(
      ['topology', 'config', 'df', 'layers', 'SCALE-Sim s', 'ours ms', 'ours e2e ms', 'speed-up', 'speed-up e2e'],
      [3, 4, 5, 6, 7, 8],
    );
    const speedUp = (seconds: number, ms: number) => (seconds * 1000) / ms;
    for (const r of rows) {
      const [ms, e2e] = [r.simulate.medianMs, r.endToEnd.medianMs];
      table.push([
        r.topology,
        r.config,
        r.dataflow,
        String(r.layers),
        r.scalesimSeconds.toFixed(1),
        ms.toFixed(3),
        e2e.toFixed(2),
        `${formatCount(speedUp(r.scalesimSeconds, ms))}×`,
        `${formatCount(speedUp(r.scalesimSeconds, e2e))}×`,
      ]);
    }
    console.log(table.toString());
    const e2e = rows.map((r) => speedUp(r.scalesimSeconds, r.endToEnd.medianMs)).sort((a, b) => a - b);
    console.log(
      `End-to-end speed-up over ${rows.length} runs: min ${formatCount(e2e[0])}×, median ${formatCount(e2e[e2e.length >> 1])}×, max ${formatCount(e2e[e2e.length - 1])}×.`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
