import type { TensorRole } from '../config/schemas/common.js';
import type { TileRun } from '../hardware/tiles.js';
import type { Execution } from './execution.js';
import type { ImcActions } from './plan-imc.js';

/** Bytes per element of each tensor role (1 for int8). */
export type ElementBytes = Readonly<Record<TensorRole, number>>;

/** Bytes by tensor role. */
export type RoleBytes = Record<TensorRole, number>;

/** What is already on chip, and what may stay, when a layer is planned. */
export interface PlanContext {
  /** Precision, packing and sparsity decisions for the layer (see planExecution). */
  readonly execution: Execution;
  /** Stored bytes per element of each role (the execution's). */
  readonly bytes: ElementBytes;
  /** One flag per layer input: the tensor is already in SRAM (left there by its producer). */
  readonly inputsOnChip: readonly boolean[];
  /** The layer's weights are pinned in SRAM across inferences (parameter caching). */
  readonly weightsCached: boolean;
  /** The layer's output will stay in SRAM for its consumers instead of going to DRAM. */
  readonly keepOutputOnChip: boolean;
  /** SRAM bytes available to each role's working set for this layer. */
  readonly capacity: Readonly<RoleBytes>;
  /** Upper bound on tiles (events) per layer. */
  readonly maxTiles: number;
}

/** How the array runs a GEMM layer (for reports). */
export interface GemmMappingInfo {
  readonly dataflow: 'os' | 'ws' | 'is';
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly instances: number;
  readonly rowFolds: number;
  readonly colFolds: number;
  readonly folds: number;
}

/** A layer planned onto the hardware: its tiles and the bytes it moves. */
export interface LayerPlan {
  readonly unit: 'array' | 'imc' | 'vector' | 'none';
  readonly runs: readonly TileRun[];
  /** Sum of the tiles' compute cycles (the layer's cycles with ideal memory). */
  readonly computeCycles: number;
  readonly dramReadBytes: RoleBytes;
  readonly dramWriteBytes: RoleBytes;
  readonly sramReadBytes: RoleBytes;
  readonly sramWriteBytes: RoleBytes;
  /** Arithmetic operations done on the vector unit. */
  readonly vectorOps: number;
  readonly mapping?: GemmMappingInfo;
  /** Crossbar actions, for layers on in-memory compute. */
  readonly imc?: ImcActions;
}

export const zeroRoles = (): RoleBytes => ({ input: 0, weight: 0, output: 0 });

/** Bytes of all roles together. */
export const totalBytes = (r: Readonly<RoleBytes>): number => r.input + r.weight + r.output;
