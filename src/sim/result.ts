import type { GemmMappingInfo, RoleBytes } from '../mapping/layer-plan.js';
import type { EnergyBreakdown } from '../energy/tally.js';
import type { LayerActions } from './count-actions.js';
import type { Comparison } from './compare.js';

/** Energy figures of a layer or a whole run. Power and ops/W are 0 when time or energy is 0. */
export interface EnergyFigures {
  readonly energyJoules: number;
  /** Joules by component: mac, regfile, sram.<buffer>, noc, vector, dram, static. Sums to energyJoules. */
  readonly energyBreakdownJoules: EnergyBreakdown;
  readonly averagePowerWatts: number;
  /** Operations (2 per MAC) per joule, i.e. ops/s per watt. */
  readonly opsPerWatt: number;
}

/** Result of one layer. Cycles are integers; seconds are derived from the clock. */
export interface LayerResult extends EnergyFigures {
  readonly name: string;
  readonly type: string;
  /** The unit that ran it: the PE array, the vector unit, or none (a view). */
  readonly unit: 'array' | 'imc' | 'vector' | 'none';
  readonly cycles: number;
  /** Cycles the layer would take with ideal memory. */
  readonly computeCycles: number;
  /** Cycles the compute unit waited for DRAM: cycles − computeCycles. */
  readonly stallCycles: number;
  readonly seconds: number;
  readonly macs: number;
  /** MACs ÷ (cycles × PEs). */
  readonly utilization: number;
  readonly dram: {
    readonly readBytes: number;
    readonly writeBytes: number;
    readonly readByRole: RoleBytes;
    readonly writeByRole: RoleBytes;
  };
  readonly sram: {
    readonly readBytes: number;
    readonly writeBytes: number;
    readonly readByRole: RoleBytes;
    readonly writeByRole: RoleBytes;
  };
  /** memory: DRAM transfers took longer than compute; compute otherwise. */
  readonly bound: 'compute' | 'memory' | 'none';
  readonly dramBusyCycles: number;
  readonly vectorOps: number;
  readonly tiles: number;
  readonly weightsCached: boolean;
  readonly outputOnChip: boolean;
  readonly startCycle: number;
  readonly mapping?: GemmMappingInfo;
  /** Number formats of its tensors and of the MACs the PEs ran; `fallback` says if they were widened. */
  readonly precision: {
    readonly weight: string;
    readonly input: string;
    readonly output: string;
    readonly mac: string;
    readonly fallback?: string;
  };
  /** Densities of its weights and inputs; `notes` say when sparsity went unexploited. */
  readonly sparsity: {
    readonly weightDensity: number;
    readonly weightStructure: string;
    readonly inputDensity: number;
    readonly inputStructure: string;
    readonly notes?: readonly string[];
  };
  /** MACs the array performed; skipped ones saved cycles and energy; gated ones only energy. */
  readonly macsIssued: number;
  readonly macsSkipped: number;
  readonly macsGated: number;
  /** Action counts by component, from which the energy is priced. */
  readonly actions: LayerActions;
}

/** The `picojoule/result@1` document: add fields, never rename them. */
export interface SimResult {
  readonly schema: 'picojoule/result@1';
  readonly arch: {
    readonly name: string;
    readonly clockHz: number;
    readonly peakOpsPerSecond: number;
    /** One line: "64×64 ws", "128× 128×128 reram crossbars", or both for a hybrid. */
    readonly compute: string;
    /** The systolic array, or null for an arch of crossbars only. */
    readonly array: {
      readonly rows: number;
      readonly cols: number;
      readonly dataflow: string;
      readonly foldTiming: string;
    } | null;
    /** The in-memory-compute tile, or null. */
    readonly imc: {
      readonly technology: string;
      readonly rows: number;
      readonly cols: number;
      readonly crossbars: number;
      readonly bitsPerCell: number;
      readonly adcBits: number;
      readonly columnsPerAdc: number;
    } | null;
    readonly dram: { readonly ideal: boolean; readonly bytesPerSecond: number | null; readonly latencySeconds: number };
  };
  /** The cost table that priced the actions. */
  readonly energy: { readonly table: string; readonly node: string; readonly staticWatts: number };
  readonly workload: { readonly name: string; readonly layers: number; readonly macs: number; readonly params: number };
  readonly totals: {
    readonly cycles: number;
    readonly computeCycles: number;
    readonly stallCycles: number;
    readonly seconds: number;
    readonly macs: number;
    readonly dramBytes: { readonly read: number; readonly write: number };
    readonly sramBytes: { readonly read: number; readonly write: number };
    readonly utilization: number;
    readonly opsPerSecond: number;
    readonly energyJoules: number;
    readonly energyBreakdownJoules: EnergyBreakdown;
    readonly averagePowerWatts: number;
    readonly opsPerWatt: number;
    /** Events the engine processed (a measure of simulation work). */
    readonly events: number;
  };
  readonly layers: readonly LayerResult[];
  /** Present for what-if runs (precision, pruning): the gain over the dense int8 baseline. */
  readonly comparison?: Comparison;
}
