import type { WhatIf } from '../workload/what-if.js';
import type { GemmMappingInfo, LayerUnit, RoleBytes } from '../hardware/component.js';
import type { LayerActionCounts } from '../energy/actions.js';
import type { EnergyBreakdown } from '../energy/tally.js';
import type { LegacyActions } from './layer-actions.js';

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
  /** The role of the unit that ran it: the PE array, crossbars, the vector unit, or none (a view). */
  readonly unit: LayerUnit;
  readonly cycles: number;
  /** Cycles the layer would take with ideal memory. */
  readonly computeCycles: number;
  /** Cycles the compute unit waited for DRAM: cycles − computeCycles. */
  readonly stallCycles: number;
  readonly seconds: number;
  readonly macs: number;
  /** MACs the unit issued (skipped zeros excluded) over cycles × its peak MACs per cycle: at most 1. */
  readonly utilization: number;
  readonly dram: {
    readonly readBytes: number;
    readonly writeBytes: number;
    readonly readByRole: RoleBytes;
    readonly writeByRole: RoleBytes;
    /** Bytes no mapping avoids: each tensor not already on chip read once, the output written once unless it stays. */
    readonly compulsoryBytes: number;
    /** DRAM bytes over compulsory bytes (absent when none are compulsory). */
    readonly toCompulsory?: number;
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
  /** Action counts in result@1's fixed fields (kept as they were; `actionCounts` has every component's). */
  readonly actions: LegacyActions;
  /** The unit that ran it, by its name in the arch (absent for a view). */
  readonly unitName?: string;
  /** Bytes each memory level (SRAM levels by name, then `dram`) read and wrote. */
  readonly memory: Readonly<Record<string, MemoryLevelBytes>>;
  /** What each component did, by component path and action: what the energy is priced from. */
  readonly actionCounts: LayerActionCounts;
}

/** Bytes one memory level read and wrote, in all and by tensor role. */
export interface MemoryLevelBytes {
  readonly readBytes: number;
  readonly writeBytes: number;
  readonly readByRole: RoleBytes;
  readonly writeByRole: RoleBytes;
}

/** A memory level as results describe it, for the hierarchical roofline. */
export interface MemoryLevelInfo {
  readonly name: string;
  /** `sram` for on-chip levels; `dram`, `host-link` or `flash` for the off-chip memory. */
  readonly kind: string;
  /** Capacity (null off chip). */
  readonly bytes: number | null;
  /** 0 next to the compute units, higher further out; off-chip memory last. */
  readonly level: number;
  readonly holds: readonly string[];
  /** The bandwidth its ceiling is drawn at: its own, or banks × word bytes × clock for an SRAM without one; null when ideal. */
  readonly bytesPerSecond: number | null;
  /** Its transfers are timed by the simulator (it has a bandwidth of its own). */
  readonly timed: boolean;
}

/** The `picojoule/result@1` document: add fields, never rename them. */
export interface SimResult {
  readonly schema: 'picojoule/result@1';
  readonly arch: {
    readonly name: string;
    readonly clockHz: number;
    /** Fixed time per inference before the first layer (0 when the arch declares none). */
    readonly invokeSeconds: number;
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
    /** Every compute unit by name, with its kind, role and peak MACs per cycle. */
    readonly units: readonly {
      readonly name: string;
      readonly kind: string;
      readonly role: string;
      readonly peakMacsPerCycle: number;
    }[];
    /** The memory hierarchy, from the compute units outward. */
    readonly memory: readonly MemoryLevelInfo[];
  };
  /** The cost table that priced the actions. */
  readonly energy: { readonly table: string; readonly node: string; readonly staticWatts: number };
  /** The area table that sized the components; null when there is none for the cost table's node. */
  readonly area: { readonly table: string; readonly node: string } | null;
  readonly workload: { readonly name: string; readonly layers: number; readonly macs: number; readonly params: number };
  readonly totals: {
    /** The invoke overhead plus every layer's cycles. */
    readonly cycles: number;
    /** Fixed per-inference overhead before the first layer (the host link's invoke cost), once per run. */
    readonly invokeCycles: number;
    /** Static energy over the invoke overhead (the chip idles, powered); the layers' energies plus this are the total. */
    readonly invokeEnergyJoules: number;
    readonly computeCycles: number;
    readonly stallCycles: number;
    readonly seconds: number;
    readonly macs: number;
    readonly dramBytes: { readonly read: number; readonly write: number };
    readonly sramBytes: { readonly read: number; readonly write: number };
    /** MACs the unit issued (skipped zeros excluded) over cycles × its peak MACs per cycle: at most 1. */
    readonly utilization: number;
    readonly opsPerSecond: number;
    readonly energyJoules: number;
    readonly energyBreakdownJoules: EnergyBreakdown;
    readonly averagePowerWatts: number;
    readonly opsPerWatt: number;
    /** Events the engine processed (a measure of simulation work). */
    readonly events: number;
    /** Bytes each memory level read and wrote over the run. */
    readonly memory: Readonly<Record<string, MemoryLevelBytes>>;
    /** Energy × delay (J·s): lower is better at both. */
    readonly edpJouleSeconds: number;
    /** Silicon area of the on-chip components (mm²), when an area table sized them. */
    readonly areaMm2?: number;
    /** By component (`mxu.mac`, `sram.unified`, `noc`, `integration`); sums to `areaMm2`. */
    readonly areaBreakdownMm2?: Readonly<Record<string, number>>;
    /** Peak TOPS per mm². */
    readonly peakTopsPerMm2?: number;
    /** Energy × area (J·mm²): what a run costs in joules and silicon together. */
    readonly energyAreaJouleMm2?: number;
    /** Language models: tokens per second (prefill: prompt tokens; decode: generated tokens, averaged over the steps). */
    readonly tokensPerSecond?: number;
    /** Language models: joules per token, on the same tokens. */
    readonly joulesPerToken?: number;
  };
  readonly layers: readonly LayerResult[];
  /** Present for language-model runs (`--phase`): the phase, the KV cache and the per-token figures. */
  readonly llm?: LlmFigures;
  /** Present for what-if runs (precision, pruning): the gain over the dense int8 baseline. */
  readonly comparison?: Comparison;
  /**
   * How to run it again (the CLI's results carry it): picojoule's version, the arch document as
   * simulated, the workload with its SHA-256, the what-if and any cost table given. `simulate --replay`.
   */
  readonly run?: RunRecord;
}

/** What a result needs to be run again: the version, the arch as simulated, the workload and its hash, the what-if. */
export interface RunRecord {
  readonly picojoule: string;
  /** The arch document, `extends` merged in and table paths absolute. */
  readonly arch: object;
  /** The workload as given (a built-in name, or an absolute path), its name and the SHA-256 of its document. */
  readonly workload: { readonly ref: string; readonly name: string; readonly sha256: string | null };
  readonly whatIf: WhatIf;
  /** `--cost-table` as given (a name, or an absolute path), when the arch's own was replaced. */
  readonly costTable: string | null;
  /** A language-model run's flags (`--phase`, lengths, formats); the workload is then the model. */
  readonly llm?: Readonly<Record<string, string | number>>;
}

/** How a what-if run compares with its dense int8 baseline. */
export interface Comparison {
  readonly baseline: {
    readonly description: string;
    readonly cycles: number;
    readonly seconds: number;
    readonly energyJoules: number;
    readonly dramBytes: number;
  };
  /** Baseline time ÷ this run's time (> 1 is faster). */
  readonly speedup: number;
  /** This run's energy ÷ the baseline's (< 1 is better). */
  readonly energyRatio: number;
  /** DRAM bytes the baseline moves that this run does not (read + write). */
  readonly dramBytesSaved: number;
  /** MACs this run skipped outright. */
  readonly macsSkipped: number;
  /** What the what-if changed from what was asked (an N:M pattern rounding the pruned fraction). */
  readonly notes?: readonly string[];
}

/**
 * A language-model run. For decode, `totals` and `layers` describe the first step (at `context`);
 * the per-token figures average every generated token's step (the first and last simulated, and
 * linear between: a step's extra work is attention over a cache one token longer).
 */
export interface LlmFigures {
  readonly model: string;
  readonly phase: 'prefill' | 'decode';
  /** Prompt tokens (prefill), or 0. */
  readonly prompt: number;
  /** Tokens in the KV cache before the first decode step (decode), or 0. */
  readonly context: number;
  /** Tokens generated per sequence (decode), or 0. */
  readonly tokens: number;
  readonly batch: number;
  readonly beams: number;
  readonly params: number;
  readonly precision: {
    readonly weights: string;
    readonly weightsDescription: string;
    /** Stored bits per weight over the whole model, scales and tables included. */
    readonly bitsPerWeight: number;
    readonly activations: string;
    readonly kvCache: string;
  };
  /** Bytes of the model's weights as stored. */
  readonly weightBytes: number;
  /** Bytes of the KV cache at the end of the run (every block, sequence and beam). */
  readonly kvCacheBytes: number;
  /** Where the cache lives: an on-chip level's name, or the off-chip memory's kind (dram, host-link). */
  readonly kvCacheLevel: string;
  /** Prefill: the time of the whole prompt's pass (the first token's logits); null for decode. */
  readonly timeToFirstTokenSeconds: number | null;
  /** Decode: the mean time of one step; null for prefill. */
  readonly timePerOutputTokenSeconds: number | null;
  readonly tokensPerSecond: number;
  readonly joulesPerToken: number;
  /** Off-chip bytes read per token (weights, KV cache, activations that spill). */
  readonly dramBytesPerToken: number;
  /** Share of the time in layers bound by memory (decode: averaged over the steps). */
  readonly memoryBoundFraction: number;
  /** Operations (2 per MAC) per off-chip byte: where the pass sits on the roofline. */
  readonly opsPerDramByte: number;
}
