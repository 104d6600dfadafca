import type { Arch } from '../hardware/arch.js';
import type { Tile, TileRun } from '../hardware/tiles.js';
import type { PlanContext, LayerPlan } from './layer-plan.js';

/** Element-wise work with its tensors' sizes in bytes. */
export interface VectorJob {
  readonly ops: number;
  /** Bytes of each input tensor, in the order of `ctx.inputsOnChip`. */
  readonly inputBytes: readonly number[];
  readonly outputBytes: number;
}

/**
 * Plans element-wise work on the vector unit (or, without one, on one lane per array column):
 * the inputs stream through in chunks that fit half the input buffer, double-buffered.
 */
export function planVector(arch: Arch, job: VectorJob, ctx: PlanContext): LayerPlan {
  // Without a vector unit, element-wise work runs one lane per column of the array or crossbar.
  const lanes = arch.vector?.lanes ?? arch.array?.cols ?? arch.imc?.cols ?? 1;
  const cycles = Math.ceil(job.ops / lanes);
  const loads = job.inputBytes.reduce((s, b, i) => s + (ctx.inputsOnChip[i] ? 0 : b), 0);
  const stores = ctx.keepOutputOnChip ? 0 : job.outputBytes;
  const chunks = Math.max(1, Math.min(ctx.maxTiles, Math.ceil(loads / Math.max(1, ctx.capacity.input / 2)), cycles || 1));
  const tile = (c: number, extra: number): Tile => ({
    computeCycles: c + extra,
    loadBytes: loads / chunks,
    storeBytes: stores / chunks,
  });
  const base = Math.floor(cycles / chunks);
  const remainder = cycles - base * chunks;
  const runs: TileRun[] = remainder
    ? [{ count: 1, tile: tile(base, remainder) }, ...(chunks > 1 ? [{ count: chunks - 1, tile: tile(base, 0) }] : [])]
    : [{ count: chunks, tile: tile(base, 0) }];
  const inputTotal = job.inputBytes.reduce((s, b) => s + b, 0);
  return {
    unit: 'vector',
    runs,
    computeCycles: cycles,
    dramReadBytes: { input: loads, weight: 0, output: 0 },
    dramWriteBytes: { input: 0, weight: 0, output: stores },
    sramReadBytes: { input: inputTotal, weight: 0, output: stores },
    sramWriteBytes: { input: loads, weight: 0, output: job.outputBytes },
    vectorOps: job.ops,
  };
}
