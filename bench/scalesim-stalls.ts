/**
 * Stall cycles next to SCALE-Sim v2's USER-bandwidth runs.
 *
 * For every run of `results.csv` whose config is a `*-userbw<B>` variant (finite DRAM bandwidth of
 * B words/cycle), this imports SCALE-Sim's config (with the run's dataflow) and topology with
 * `importScalesim`, simulates the result with the imported finite bandwidth, and prints one
 * Markdown row per layer: SCALE-Sim's total and stall cycles beside ours, and our DRAM traffic
 * (SCALE-Sim's DRAM traffic is not in results.csv). Nothing is asserted: USER-mode stalls are
 * compared qualitatively only (see docs/accuracy.md and the reference NOTES.md §5–6).
 *
 *   npm run build && node dist/bench/scalesim-stalls.js [reference-folder]
 *
 * The reference folder defaults to `reference/scalesim` from the current directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importScalesim } from '../src/import/scalesim.js';
import { simulate } from '../src/sim/simulate.js';
import { unitWithRole, type Arch, type SystolicArray } from '../src/hardware/arch.js';
import { loadArch } from '../src/load/load-arch.js';
import { loadWorkload } from '../src/load/load-workload.js';
import { SCALESIM_TOPOLOGY_FILES } from '../src/import/scalesim-reference.js';

/** One layer row of results.csv. */
interface ReferenceRow {
  readonly config: string;
  readonly dataflow: 'os' | 'ws' | 'is';
  readonly topology: string;
  readonly layer: number;
  readonly totalCycles: number;
  readonly stallCycles: number;
}

/** One layer, SCALE-Sim beside picojoule. */
export interface StallComparison {
  readonly run: string;
  readonly layer: number;
  readonly layerName: string;
  readonly bandwidthBytesPerCycle: number;
  readonly scalesim: { readonly total: number; readonly stall: number; readonly compute: number };
  readonly ours: {
    readonly total: number;
    readonly stall: number;
    readonly compute: number;
    readonly dramReadBytes: number;
    readonly dramWriteBytes: number;
    /** Stall cycles after the first compute starts: SCALE-Sim does its initial fill at negative cycles. */
    readonly stallAfterFill: number;
    /** Stall cycles with one channel of B per operand (3 × B), as SCALE-Sim's ports are. */
    readonly stallPerOperandPorts: number;
  };
  /** The bytes of the layer's tensors (input, weights, output), for scale. */
  readonly tensorBytes: number;
}

function readResults(file: string): ReferenceRow[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column "${name}" in ${lines[0]}`);
    return i;
  };
  const [c, d, t, l, total, stall] = ['config', 'dataflow', 'topology', 'layer', 'total_cycles', 'stall_cycles'].map(col);
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    return {
      config: f[c],
      dataflow: f[d] as ReferenceRow['dataflow'],
      topology: f[t],
      layer: Number(f[l]),
      totalCycles: Number(f[total]),
      stallCycles: Number(f[stall]),
    };
  });
}

/** The config SCALE-Sim ran: the variant file with `Dataflow` set to the run's (the reference runner used sed). */
function configForRun(refDir: string, workDir: string, config: string, dataflow: string): string {
  const text = readFileSync(path.join(refDir, 'configs/variants', `${config}.cfg`), 'utf8');
  const patched = text.replace(/^(\s*Dataflow\s*[:=]).*$/m, `$1 ${dataflow}`);
  if (patched === text && !new RegExp(`^\\s*Dataflow\\s*[:=]\\s*${dataflow}\\s*$`, 'm').test(text)) {
    throw new Error(`${config}.cfg: no "Dataflow" line to set to ${dataflow}`);
  }
  const file = path.join(workDir, `${config}_${dataflow}.cfg`);
  writeFileSync(file, patched);
  return file;
}

/** Simulates every USER-bandwidth run of the reference and pairs each layer with SCALE-Sim's numbers. */
export function compareStalls(refDir: string): StallComparison[] {
  const rows = readResults(path.join(refDir, 'results.csv')).filter((r) => r.config.includes('-userbw'));
  const runs = [...new Set(rows.map((r) => `${r.config}|${r.dataflow}|${r.topology}`))].sort();
  const work = mkdtempSync(path.join(tmpdir(), 'pj-scalesim-stalls-'));
  const out: StallComparison[] = [];
  try {
    for (const key of runs) {
      const [config, dataflow, topology] = key.split('|');
      const run = `${config}_${dataflow}_${topology}`;
      const dir = path.join(work, run);
      mkdirSync(dir, { recursive: true });
      const topologyFile = SCALESIM_TOPOLOGY_FILES[topology];
      if (!topologyFile) throw new Error(`results.csv: unknown topology "${topology}"`);
      const imported = importScalesim({
        configFile: configForRun(refDir, dir, config, dataflow),
        topologyFile: path.join(refDir, 'topologies', topologyFile),
        outDir: dir,
      });
      const arch = loadArch(imported.archFile);
      const array = unitWithRole(arch, 'array') as SystolicArray | undefined;
      if (array?.dataflow !== dataflow) throw new Error(`${run}: imported dataflow ${array?.dataflow}, expected ${dataflow}`);
      if (arch.dram.ideal) throw new Error(`${run}: expected a finite (USER) bandwidth, got ideal DRAM`);
      const graph = loadWorkload(imported.workloadFile);
      // The first compute interval of each layer: what precedes it is the initial fill.
      const firstCompute = new Map<number, number>();
      const result = simulate(arch, graph, {
        trace: (layer, kind, start) => {
          if (kind === 'compute' && !firstCompute.has(layer)) firstCompute.set(layer, start);
        },
      });
      const wide: Arch = { ...arch, dram: { ...arch.dram, bytesPerSecond: 3 * arch.dram.bytesPerSecond } };
      const perOperand = simulate(wide, graph);
      const bytesPerCycle = arch.dram.bytesPerSecond / arch.clockHz;
      for (const ref of rows.filter((r) => `${r.config}|${r.dataflow}|${r.topology}` === key).sort((a, b) => a.layer - b.layer)) {
        const ours = result.layers[ref.layer];
        const layer = graph.layers[ref.layer];
        if (!ours || !layer)
          throw new Error(`${run}: SCALE-Sim layer ${ref.layer} has no counterpart (we have ${result.layers.length} layers)`);
        const elements = (s: readonly number[]) => s.reduce((p, x) => p * x, 1);
        out.push({
          run,
          layer: ref.layer,
          layerName: ours.name,
          bandwidthBytesPerCycle: bytesPerCycle,
          scalesim: { total: ref.totalCycles, stall: ref.stallCycles, compute: ref.totalCycles - ref.stallCycles },
          ours: {
            total: ours.cycles,
            stall: ours.stallCycles,
            compute: ours.computeCycles,
            dramReadBytes: ours.dram.readBytes,
            dramWriteBytes: ours.dram.writeBytes,
            stallAfterFill: ours.stallCycles - ((firstCompute.get(ref.layer) ?? ours.startCycle) - ours.startCycle),
            stallPerOperandPorts: perOperand.layers[ref.layer].stallCycles,
          },
          tensorBytes: elements(layer.inputShapes[0]) + layer.weightElements + layer.biasElements + elements(layer.outputShape),
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '—' : '∞') : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`);

/** The comparison as a Markdown table (pasteable into docs/accuracy.md). */
export function stallTable(rows: readonly StallComparison[]): string {
  const head = [
    'run',
    'layer',
    'B/cycle',
    'SCALE-Sim total',
    'SCALE-Sim stall',
    'ours total',
    'ours stall',
    'stall ratio (theirs/ours)',
    'compute equal',
    'our DRAM read B',
    'our DRAM write B',
    'tensors B',
    'ours stall, fill not counted',
    'ours stall, 3 ports',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${[
        r.run,
        `${r.layer} ${r.layerName}`,
        String(r.bandwidthBytesPerCycle),
        int(r.scalesim.total),
        int(r.scalesim.stall),
        int(r.ours.total),
        int(r.ours.stall),
        ratio(r.scalesim.stall, r.ours.stall),
        r.scalesim.compute === r.ours.compute ? 'yes' : `no (${r.scalesim.compute} vs ${r.ours.compute})`,
        int(r.ours.dramReadBytes),
        int(r.ours.dramWriteBytes),
        int(r.tensorBytes),
        int(r.ours.stallAfterFill),
        int(r.ours.stallPerOperandPorts),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function main(): void {
  const refDir = path.resolve(process.argv[2] ?? path.resolve(process.cwd(), 'reference/scalesim'));
  const rows = compareStalls(refDir);
  console.log(`# picojoule vs SCALE-Sim v2, USER-bandwidth runs (${rows.length} layers; reference: ${refDir})\n`);
  console.log(stallTable(rows));
  const sum = (f: (r: StallComparison) => number) => rows.reduce((s, r) => s + f(r), 0);
  console.log(
    `\nTotal stall cycles: SCALE-Sim ${int(sum((r) => r.scalesim.stall))}, picojoule ${int(sum((r) => r.ours.stall))}; ` +
      `compute cycles equal in ${rows.filter((r) => r.scalesim.compute === r.ours.compute).length} of ${rows.length} layers.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
