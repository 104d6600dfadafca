import { unitWithRole, type Arch } from '../hardware/arch.js';
import type { ImcTile } from '../hardware/crossbars.js';
import { crossbarsNeeded } from '../hardware/imc-plan.js';
import { loadArch } from '../load/load-arch.js';
import { fail } from '../config/user-error.js';
import { loadWorkload } from '../load/load-workload.js';
import type { Graph } from '../workload/graph.js';
import { simulate } from '../sim/simulate.js';
import type { SimResult } from '../sim/result.js';
import { analyzeDesign, type DesignAnalysis } from './analyze-design.js';
import { writeCommentary, type Commentary, type SweepPair } from './commentary.js';
import { SWEEP_FACTORS, sweepBandwidth } from './sweep-bandwidth.js';

/** What to compare. Names are presets or built-in workloads; paths are JSON (or CSV) files. */
export interface ExplainOptions {
  /** Built-in workload name, workload JSON or SCALE-Sim topology CSV, or a loaded graph. */
  readonly workload: string | Graph;
  /** The von Neumann NPU: a preset, an arch file or an arch. Default `edge-tpu`. */
  readonly npu?: string | Arch;
  /** The in-memory-compute design: a preset, an arch file or an arch. Default `sram-cim`. */
  readonly imc?: string | Arch;
  /** Also rerun both designs at 1/4× … 8× their DRAM bandwidth. */
  readonly sweepBandwidth?: boolean;
}

/** Everything the teaching view shows: both runs, what was read from them, and the commentary. */
export interface ExplainData {
  readonly schema: 'picojoule/explain-von-neumann@1';
  readonly workload: { readonly name: string; readonly layers: number; readonly macs: number; readonly params: number };
  readonly npu: DesignAnalysis;
  readonly imc: DesignAnalysis;
  /** The bandwidth sweep, when asked for (a design with ideal DRAM says it was skipped). */
  readonly sweep: (SweepPair & { readonly factors: readonly number[] }) | null;
  readonly commentary: Commentary;
}

/** Loads an arch for one of the two flags, so a bad name is blamed on the flag the user typed. */
function archFor(ref: string | Arch, flag: '--npu' | '--imc'): Arch {
  if (typeof ref !== 'string') return ref;
  if (!ref.trim()) fail(flag, undefined, 'expected a preset name (see `picojoule presets`) or an arch JSON file');
  return loadArch(ref, flag);
}

/**
 * The von Neumann bottleneck, made visible: runs one network on a von Neumann edge NPU and on an
 * in-memory-compute design and reads from the two results where the joules go (data movement,
 * compute, reprogramming, static), the bytes moved per MAC, which layers are memory-bound and
 * why, what reprogramming costs, which layers map badly onto crossbars, and — optionally — what
 * more DRAM bandwidth buys. Pure and deterministic. Bad input throws a UserError.
 */
export function explainVonNeumann(options: ExplainOptions): ExplainData {
  const npuArch = archFor(options.npu ?? 'edge-tpu', '--npu');
  const imcArch = archFor(options.imc ?? 'sram-cim', '--imc');
  if (unitWithRole(npuArch, 'imc')) {
    fail(
      '--npu',
      undefined,
      `"${npuArch.name}" has in-memory-compute crossbars; expected a von Neumann design (a PE array, no crossbars) such as edge-tpu`,
    );
  }
  if (!unitWithRole(npuArch, 'array'))
    fail(
      '--npu',
      undefined,
      `"${npuArch.name}" has no PE array; expected a von Neumann design with a systolic array such as edge-tpu`,
    );
  if (!unitWithRole(imcArch, 'imc'))
    fail(
      '--imc',
      undefined,
      `"${imcArch.name}" has no in-memory-compute crossbars; expected a design with an imc-tile such as sram-cim, reram-cim or hybrid-edge`,
    );
  if (typeof options.workload === 'string' && !options.workload.trim()) {
    fail(
      '--workload',
      undefined,
      'expected a built-in name (see `picojoule workloads`), a workload JSON file, a SCALE-Sim topology CSV or an .onnx/.tflite model',
    );
  }
  const graph = typeof options.workload === 'string' ? loadWorkload(options.workload) : options.workload;
  const npuResult: SimResult = simulate(npuArch, graph);
  const imcResult: SimResult = simulate(imcArch, graph);
  const npu = analyzeDesign('npu', npuResult);
  const onCrossbars = new Set(imcResult.layers.filter((l) => l.unit === 'imc').map((l) => l.name));
  const tile = unitWithRole(imcArch, 'imc') as ImcTile;
  const needed = graph.layers.filter((l) => onCrossbars.has(l.name)).reduce((s, l) => s + crossbarsNeeded(tile, l), 0);
  const imc = analyzeDesign('imc', imcResult, needed);
  const sweep = options.sweepBandwidth
    ? { factors: SWEEP_FACTORS, npu: sweepBandwidth('npu', npuArch, graph), imc: sweepBandwidth('imc', imcArch, graph) }
    : null;
  return {
    schema: 'picojoule/explain-von-neumann@1',
    workload: { name: graph.name, layers: graph.layers.length, macs: graph.totals.macs, params: graph.totals.params },
    npu,
    imc,
    sweep,
    commentary: writeCommentary(graph.name, npu, imc, sweep),
  };
}
