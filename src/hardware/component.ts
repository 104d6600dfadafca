import type { TSchema } from '@sinclair/typebox';
import type { TensorPrecision, TensorRole } from '../config/schemas/common.js';
import type { SourceLog } from '../config/sourced.js';
import type { Problem } from '../config/user-error.js';
import type { AreaTable } from '../area/area-table.js';
import type { ActionCounts, ActionPrice, Leakage } from '../energy/actions.js';
import type { CostTable } from '../energy/cost-table.js';
import type { Layer } from '../workload/graph.js';
import type { UnitWork } from '../workload/lower-layer.js';
import type { LoopNest } from './loop-nest.js';

/**
 * The contract every hardware component implements, and the data that crosses it. A component is
 * built once from its validated spec; afterwards it turns work into cycles, bytes and action
 * counts (never joules), and prices its own actions from a cost table when asked.
 */

/** What a compute unit does for a layer graph: the one place this vocabulary is declared. */
export type UnitRole = 'array' | 'imc' | 'vector';

/** Where a layer ran, as results report it: a unit's role, or `none` for a view (no work). */
export type LayerUnit = UnitRole | 'none';

/** Bytes by tensor role. */
export type RoleBytes = Record<TensorRole, number>;

/** Bytes per element of each tensor role as stored (1 for int8; less when packed or compressed). */
export type ElementBytes = Readonly<RoleBytes>;

export type { ActionCounts, ActionPrice, Leakage } from '../energy/actions.js';

/** What is at hand while a component is built from its spec. */
export interface BuildContext {
  /** The component's name in the arch (`mxu`, `unified`). */
  readonly name: string;
  /** JSON pointer of its spec, e.g. `/compute/mxu`. */
  readonly at: string;
  readonly file: string | undefined;
  /** Records the source of every parameter taken. */
  readonly log: SourceLog;
  /** Problems a schema cannot catch are added here, with paths; building continues. */
  readonly problems: Problem[];
}

/** A built component: plain data (so it crosses worker threads), named by the arch. */
export interface ComponentModel {
  readonly name: string;
  readonly kind: string;
}

/** What every component kind provides for energy: its breakdown keys, prices and leakage. */
export interface Priced<M extends ComponentModel> {
  /** Breakdown keys its actions are booked under, listed (as 0) even in layers that do not use it. */
  energyKeys(model: M): readonly string[];
  /** The price of one action; a cost table lacking it is a UserError naming the table's path. */
  price(model: M, action: string, table: CostTable): ActionPrice;
  leakage(model: M): Leakage;
}

/**
 * A piece of a component's silicon, booked under `key` in the area breakdown. Logic parts
 * (standard cells) also pay the table's placement overhead; macros (SRAM, crossbars, ADCs) do not.
 */
export interface AreaPart {
  readonly key: string;
  readonly m2: number;
  readonly logic: boolean;
}

/** What every component kind provides for area. */
export interface Sized<M extends ComponentModel> {
  /** Its silicon from an area table (none for what is off chip); a table lacking an entry is a UserError naming it. */
  area(model: M, table: AreaTable): readonly AreaPart[];
}

/** How a layer executes on a unit: precision, packing and what sparsity saves. */
export interface Execution {
  /** Precision of the MACs performed. */
  readonly macPrecision: TensorPrecision;
  /** MACs per PE per cycle at that precision. */
  readonly throughput: number;
  /** Set when the layer runs at a wider precision than it asked for. */
  readonly fallback?: string;
  /** Stored bytes per element of each role, after packing and compression (metadata included). */
  readonly bytes: ElementBytes;
  /** Fraction of the reduction (k) each output still iterates over after skipping, imbalance included. */
  readonly kScale: number;
  /** Fraction of output channels (n) left after skipping channel-pruned weights. */
  readonly nScale: number;
  /** MACs the unit performs (dense MACs less skipped ones). */
  readonly macsIssued: number;
  /** Issued MACs whose energy is gated away because an operand is zero. */
  readonly macsGated: number;
  /** Why sparsity went unexploited in some tensor, if it did. */
  readonly notes: readonly string[];
}

/** Compressed storage of a tensor in SRAM and DRAM. */
export type StorageFormat = 'none' | 'bitmask' | 'csr' | 'rle';

/** How the arch stores sparse weights and activations (from its first unit that says). */
export interface TensorFormats {
  readonly weight: StorageFormat;
  readonly input: StorageFormat;
}

/**
 * One boundary between memory levels, as a unit's planner sees it: depth 0 is between the level
 * next to the units and the next one out. A role whose path of levels is shorter does not cross.
 */
export interface Boundary {
  /** SRAM bytes each role may use on the inner side (the most of any level it has passed). */
  readonly capacity: Readonly<RoleBytes>;
  /** Which roles cross this boundary. */
  readonly crosses: Readonly<Record<TensorRole, boolean>>;
  /** This is the role's last boundary: beyond it lies where the tensor lives between layers. */
  readonly last: Readonly<Record<TensorRole, boolean>>;
  /** Channel (index into a tile's loads and stores) that times each role's transfers here; -1 when untimed. */
  readonly channel: Readonly<Record<TensorRole, number>>;
  /** Name of the level on the inner side, per role (for messages). */
  readonly level: Readonly<Record<TensorRole, string>>;
}

/** What is decided about a layer before its unit plans it. */
export interface PlanContext {
  /** How messages name the arch (its file, or `arch "<name>"`). */
  readonly origin: string;
  readonly clockHz: number;
  readonly execution: Execution;
  /** One flag per layer input: the tensor is already on chip (left there by its producer). */
  readonly inputsOnChip: readonly boolean[];
  /** The layer's weights are pinned on chip across inferences (parameter caching). */
  readonly weightsCached: boolean;
  /** The layer's output will stay on chip for its consumers. */
  readonly keepOutputOnChip: boolean;
  /** The memory boundaries its operands cross, innermost first (at least one). */
  readonly boundaries: readonly Boundary[];
  /** Timed channels, so tiles carry one load and one store figure per channel. */
  readonly channels: number;
  /** Upper bound on tiles (engine events) per layer. */
  readonly maxTiles: number;
  /** What the unit's network-level placement decided for this layer, if it has one. */
  readonly placement?: unknown;
}

/**
 * One tile's cost: the unit of double buffering (load it, compute it, store its results). Bytes
 * are per timed channel (the DRAM link first, then any memory level with a bandwidth).
 */
export interface Tile {
  /** Cycles the compute unit is busy with this tile. */
  readonly computeCycles: number;
  /** Bytes fetched over each channel before the tile can start. */
  readonly loads: readonly number[];
  /** Bytes written over each channel after it finishes. */
  readonly stores: readonly number[];
}

/** `count` identical tiles in a row: a layer has only a few distinct tile shapes. */
export interface TileRun {
  readonly count: number;
  readonly tile: Tile;
}

/** Bytes of each role moved across one boundary: fetched inward (fills) and written outward (drains). */
export interface BoundaryTraffic {
  readonly fills: RoleBytes;
  readonly drains: RoleBytes;
}

/** How a GEMM layer was laid onto an array (for reports). */
export interface GemmMappingInfo {
  readonly dataflow: 'os' | 'ws' | 'is' | 'rs';
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly instances: number;
  readonly rowFolds: number;
  readonly colFolds: number;
  readonly folds: number;
  /**
   * Roles whose double-buffered fold does not fit the buffer next to the array: their operands
   * stream through from the next level out instead of being reused there (each says how short).
   */
  readonly spills?: readonly string[];
  /** How a row-stationary array laid the layer on its PEs (sets, strips, filters and channels per PE). */
  readonly spatial?: string;
  /** The loop nest the layer ran, one line per memory boundary from the outermost in (one line for the fixed fold order). */
  readonly loopNest?: readonly string[];
}

/** What running a layer with one loop nest costs, before the engine plays it: enough to rank nests. */
export interface NestCost {
  /** Cycles with ideal memory. */
  readonly computeCycles: number;
  /** The unit's own reads and writes of the level next to it. */
  readonly port: { readonly reads: RoleBytes; readonly writes: RoleBytes };
  /** Per boundary (as in the context), the bytes crossing it. */
  readonly traffic: readonly BoundaryTraffic[];
  /**
   * Per boundary, the bytes it loads before the first fold can start (nothing hides them);
   * absent, or zero at boundaries a bound leaves untiled, when not known.
   */
  readonly firstLoads?: readonly RoleBytes[];
}

/** The loop nests a unit can run one layer with, for the mapper to search. */
export interface MapSpace {
  /** Each GEMM dimension (m, n, k) in the units its loops count: folds for spatial ones, elements for the streamed one. */
  readonly extents: readonly [number, number, number];
  /**
   * What a nest costs; undefined when one of its tiles does not fit the level that holds it
   * (levels inside boundary `roomFrom` are not checked: a search that has not tiled them yet).
   */
  cost(nest: LoopNest, roomFrom?: number): NestCost | undefined;
  /**
   * Per dimension, whether fewer tiles of it inside the innermost boundary (larger tiles there,
   * the loop orders alike) never cost more: no more bytes at any boundary, no more folds or
   * cycles, the first fold's load aside. The search skips a nest that one with fewer such tiles
   * and the same others dominates. Absent: no dimension is.
   */
  readonly monotone?: readonly [boolean, boolean, boolean];
  /** Whether tiles that divide each dimension into `tiles[x]` parts fit inside boundary d. */
  fits(tiles: readonly number[], d: number): boolean;
  /** The layer's plan with that nest (which must fit). */
  plan(nest: LoopNest): UnitPlan;
}

/** A layer planned on a unit: its tiles, the bytes it moves at each boundary, and the unit's own actions. */
export interface UnitPlan {
  readonly runs: readonly TileRun[];
  /** Sum of the tiles' compute cycles (the layer's cycles with ideal memory). */
  readonly computeCycles: number;
  /** The unit's own reads and writes of the level next to it, by role. */
  readonly port: { readonly reads: RoleBytes; readonly writes: RoleBytes };
  /** Per boundary (as in the context), the bytes crossing it. */
  readonly traffic: readonly BoundaryTraffic[];
  /** The unit's own actions (MACs, register reads, conversions); memory traffic is counted from `port` and `traffic`. */
  readonly actions: ActionCounts;
  /** Element-wise operations done (reported for vector work). */
  readonly vectorOps: number;
  readonly mapping?: GemmMappingInfo;
}

/** One kind of compute unit (`systolic-array`, `imc-tile`, `vector-unit`, …). */
export interface ComputeKind<M extends ComponentModel = ComponentModel, S = never> extends Priced<M>, Sized<M> {
  readonly kind: string;
  readonly role: UnitRole;
  /** What to call one in messages ("systolic array"). */
  readonly noun: string;
  /** Schema of its spec under `/compute/<name>`, with `kind` as a literal. */
  readonly schema: TSchema;
  build(spec: S, ctx: BuildContext): M;
  /** One phrase for listings ("64×64 ws"); undefined to leave it out. */
  describe(model: M): string | undefined;
  /** Facts results report about it (the result's `arch.<role>` block). */
  summary(model: M): Readonly<Record<string, unknown>>;
  /** Peak MACs per cycle at its native (8-bit) precision. */
  peakMacsPerCycle(model: M, clockHz: number): number;
  /** How well it runs this work: 0 cannot, higher is better; the best unit of an arch takes a layer. */
  affinity(model: M, work: UnitWork, layer: Layer): number;
  /**
   * Precision, packing and sparsity of a layer on it (`formats`: how the arch stores sparse
   * tensors). Without one, the unit runs any precision densely at one MAC per cycle.
   */
  execution?(model: M, layer: Layer, formats: TensorFormats, origin: string): Execution;
  /** The least SRAM each role needs for the unit to run the layer at all (double-buffered); none if absent. */
  foldNeeds?(model: M, layer: Layer, e: Execution): RoleBytes;
  /** SRAM the unit wants beyond the tensors themselves (partial sums kept between folds); none if absent. */
  workingSetExtra?(model: M, layer: Layer, e: Execution): RoleBytes;
  /**
   * Roles of which the unit uses each byte once whatever the room (a weight-stationary array's
   * weights): beyond what one fold needs, more SRAM for them saves nothing.
   */
  usedOnce?(model: M): readonly TensorRole[];
  /** Its weights live in the unit (crossbar cells), not in SRAM. */
  readonly keepsWeights?: boolean;
  /** Network-level placement of the layers it runs (crossbar sharing), passed back to `plan`. */
  place?(model: M, layers: readonly Layer[], clockHz: number): ReadonlyMap<string, unknown>;
  plan(model: M, layer: Layer, ctx: PlanContext): UnitPlan;
  /**
   * The loop nests it can run a layer with, for the mapper (src/mapping/search-mapping.ts) to
   * choose among; absent or undefined, the layer runs as `plan` lays it out.
   */
  mapSpace?(model: M, layer: Layer, ctx: PlanContext): MapSpace | undefined;
  /** Ports it takes on the on-chip network that feeds it from SRAM (none if absent). */
  nocEndpoints?(model: M): number;
  /** Lanes it offers for element-wise work when the arch has no vector unit. */
  vectorLanes?(model: M): number;
  /** How it stores sparse tensors, if it says. */
  formats?(model: M): TensorFormats;
}
