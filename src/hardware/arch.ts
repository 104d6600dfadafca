import { ArchSpec } from '../config/schemas/arch.js';
import type { TensorPrecision, TensorRole } from '../config/schemas/common.js';
import { parseQuantity } from '../config/units.js';
import { SourceLog } from '../config/sourced.js';
import { UserError, type Problem } from '../config/user-error.js';
import { imcPeakMacsPerCycle, type ImcTile } from './imc-tile.js';
import { buildImcTile } from './build-imc-tile.js';
import { buildSystolicArray } from './build-systolic-array.js';

/** The cost table used when an arch names none: Horowitz's 45 nm numbers. */
export const DEFAULT_COST_TABLE = 'horowitz-45nm';

/** A systolic array of MAC PEs, in plain numbers. */
export interface SystolicArray {
  readonly name: string;
  readonly kind: 'systolic-array';
  readonly rows: number;
  readonly cols: number;
  readonly dataflow: 'os' | 'ws' | 'is';
  readonly foldTiming: 'sequential' | 'pipelined';
  readonly accumulatorBytes: number;
  readonly groupPacking: 'block-diagonal' | 'none';
  /** MACs per PE per cycle at each precision the PEs run (native = 1). */
  readonly precisions: Readonly<Partial<Record<TensorPrecision, number>>>;
  readonly precisionFallback: 'error' | 'widen';
  /** How zeros in weights and in input activations are exploited. */
  readonly sparsity: { readonly weight: SparsitySupport; readonly input: SparsitySupport };
}

/** What the array does with zeros in one operand. `structures` undefined means every pattern. */
export interface SparsitySupport {
  readonly mode: 'none' | 'gating' | 'skipping';
  readonly structures?: readonly string[];
  readonly format: 'none' | 'bitmask' | 'csr' | 'rle';
}

/** A SIMD unit for element-wise work. */
export interface VectorUnit {
  readonly name: string;
  readonly kind: 'vector-unit';
  readonly lanes: number;
}

/** An on-chip buffer. */
export interface SramBuffer {
  readonly name: string;
  readonly bytes: number;
  readonly holds: readonly TensorRole[];
  readonly banks: number;
  readonly wordBytes: number;
}

/** The off-chip memory (or host link). `ideal` means infinite bandwidth and no latency. */
export interface Dram {
  readonly kind: 'dram' | 'host-link';
  readonly technology?: string;
  readonly ideal: boolean;
  readonly bytesPerSecond: number;
  readonly latencySeconds: number;
}

/** A validated architecture with every quantity in SI base units (or cycles, or counts). */
export interface Arch {
  readonly name: string;
  readonly description?: string;
  readonly clockHz: number;
  /** The digital PE array, if any. */
  readonly array?: SystolicArray;
  /** In-memory-compute crossbars, if any (with an array too, the arch is a hybrid). */
  readonly imc?: ImcTile;
  readonly vector?: VectorUnit;
  readonly sram: readonly SramBuffer[];
  readonly dram: Dram;
  readonly options: { readonly cacheWeights: boolean; readonly keepActivationsOnChip: boolean };
  /** Which cost table prices its actions, and chip-level energy settings. */
  readonly energy: {
    /** Built-in table name or absolute path. */
    readonly table: string;
    /** Chip static power in W, if given; otherwise the table's leakage rates apply. */
    readonly staticPowerWatts?: number;
    readonly nocHops: number;
  };
  /** Source of each parameter that gave one, keyed by JSON path. */
  readonly sources: Readonly<Record<string, string>>;
  /** The files this arch was read from, the named one first, then what it extends. */
  readonly files: readonly string[];
  /** How messages name this arch: its file as the user would type it, or `arch "<name>"`. */
  readonly origin: string;
}

/** Builds the numeric model from a schema-valid spec, checking what a schema cannot. */
export function buildArch(spec: ArchSpec, file: string | undefined, files: readonly string[] = []): Arch {
  const log = new SourceLog();
  const problems: Problem[] = [];
  log.note(spec.source, '');
  const clockHz = parseQuantity(log.take(spec.clock, '/clock'), 'hertz', file, '/clock');
  if (clockHz <= 0) problems.push({ file, path: '/clock', message: 'clock must be > 0 Hz' });

  let array: SystolicArray | undefined;
  let vector: VectorUnit | undefined;
  let imc: ImcTile | undefined;
  for (const [name, c] of Object.entries(spec.compute)) {
    const at = `/compute/${name}`;
    log.note(c.source, at);
    if (c.kind === 'systolic-array') {
      if (array) {
        problems.push({
          file,
          path: at,
          message: `only one systolic array is supported per arch (already have "${array.name}")`,
        });
        continue;
      }
      array = buildSystolicArray(c, name, at, log);
    } else if (c.kind === 'imc-tile') {
      if (imc) {
        problems.push({
          file,
          path: at,
          message: `only one in-memory-compute tile is supported per arch (already have "${imc.name}")`,
        });
        continue;
      }
      imc = buildImcTile(c, name, at, log, file, problems);
    } else {
      if (vector) {
        problems.push({ file, path: at, message: `only one vector unit is supported per arch (already have "${vector.name}")` });
        continue;
      }
      vector = { name, kind: c.kind, lanes: log.take(c.lanes, `${at}/lanes`) };
    }
  }
  if (!array && !imc)
    problems.push({
      file,
      path: '/compute',
      message: 'expected a compute unit of kind "systolic-array" or "imc-tile" (or both: a hybrid)',
    });

  const sram: SramBuffer[] = Object.entries(spec.memory.sram).map(([name, s]) => {
    const at = `/memory/sram/${name}`;
    log.note(s.source, at);
    const bytes = parseQuantity(log.take(s.size, `${at}/size`), 'bytes', file, `${at}/size`);
    if (bytes <= 0) problems.push({ file, path: `${at}/size`, message: 'an SRAM buffer must hold more than 0 bytes' });
    return {
      name,
      bytes: Math.floor(bytes),
      holds: s.holds,
      banks: s.banks === undefined ? 1 : log.take(s.banks, `${at}/banks`),
      wordBytes: s.wordBytes === undefined ? 1 : log.take(s.wordBytes, `${at}/wordBytes`),
    };
  });
  for (const role of ['input', 'weight', 'output'] as const) {
    const holders = sram.filter((b) => b.holds.includes(role));
    if (holders.length !== 1) {
      problems.push({
        file,
        path: '/memory/sram',
        message: holders.length
          ? `tensor role "${role}" is held by ${holders.length} buffers (${holders.map((b) => b.name).join(', ')}); expected exactly one`
          : `no SRAM buffer holds "${role}" tensors; expected exactly one buffer with "${role}" in "holds"`,
      });
    }
  }

  const d = spec.memory.dram;
  log.note(d.source, '/memory/dram');
  const ideal = d.ideal ?? false;
  let bytesPerSecond = Number.MAX_VALUE;
  let latencySeconds = 0;
  if (!ideal) {
    if (d.bandwidth === undefined) {
      problems.push({ file, path: '/memory/dram/bandwidth', message: 'required unless "ideal": true (e.g. "25.6 GB/s")' });
    } else {
      bytesPerSecond = parseQuantity(
        log.take(d.bandwidth, '/memory/dram/bandwidth'),
        'bytesPerSecond',
        file,
        '/memory/dram/bandwidth',
      );
      if (bytesPerSecond <= 0)
        problems.push({
          file,
          path: '/memory/dram/bandwidth',
          message: 'bandwidth must be > 0 (use "ideal": true for no limit)',
        });
    }
    if (d.latency !== undefined)
      latencySeconds = parseQuantity(log.take(d.latency, '/memory/dram/latency'), 'seconds', file, '/memory/dram/latency');
  }
  const e = spec.energy;
  log.note(e?.source, '/energy');
  const table = e ? log.take(e.table, '/energy/table') : DEFAULT_COST_TABLE;
  const staticPowerWatts =
    e?.staticPower === undefined
      ? undefined
      : parseQuantity(log.take(e.staticPower, '/energy/staticPower'), 'watts', file, '/energy/staticPower');
  if (problems.length) throw new UserError(problems);

  return {
    name: spec.name,
    description: spec.description,
    clockHz,
    array,
    imc,
    vector,
    sram,
    dram: { kind: d.kind ?? 'dram', technology: d.technology, ideal, bytesPerSecond, latencySeconds },
    options: {
      cacheWeights: spec.options?.cacheWeights ?? false,
      keepActivationsOnChip: spec.options?.keepActivationsOnChip ?? true,
    },
    energy: { table, staticPowerWatts, nocHops: e?.nocHops === undefined ? 1 : log.take(e.nocHops, '/energy/nocHops') },
    sources: log.entries,
    files,
    origin: file ?? `arch "${spec.name}"`,
  };
}

/** Peak MACs per cycle: the array's PEs plus the crossbars' 8-bit MVM rate. */
export const peakMacsPerCycle = (arch: Arch): number =>
  (arch.array ? arch.array.rows * arch.array.cols : 0) + (arch.imc ? imcPeakMacsPerCycle(arch.imc, arch.clockHz) : 0);

/** Peak throughput in ops/s: 2 ops per MAC × peak MACs per cycle × clock. */
export const peakOpsPerSecond = (arch: Arch): number => 2 * peakMacsPerCycle(arch) * arch.clockHz;

/** A short description of the compute: "64×64 ws", "64×128 reram crossbars ×256", or both. */
export function describeCompute(arch: Arch): string {
  const parts: string[] = [];
  if (arch.array) parts.push(`${arch.array.rows}×${arch.array.cols} ${arch.array.dataflow}`);
  if (arch.imc) parts.push(`${arch.imc.crossbars}× ${arch.imc.rows}×${arch.imc.cols} ${arch.imc.technology} crossbars`);
  return parts.join(' + ');
}
