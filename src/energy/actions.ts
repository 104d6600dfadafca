/**
 * The one action vocabulary: components report what they did as counts of named actions, and
 * energy is priced afterwards (Σ count × price + static power × time), so a new cost table needs
 * no re-simulation and a new component needs no change here.
 */

/** Counts of one component's actions in one layer, by action name (`mac.int8`, `read`, `bytes`, …). */
export type ActionCounts = Record<string, number>;

/** Action counts of a layer by component path (`compute.mxu`, `sram.unified`, `noc`, `dram`). */
export type LayerActionCounts = Record<string, ActionCounts>;

/** What one action costs: the energy-breakdown key it is booked under, and joules per count. */
export interface ActionPrice {
  readonly key: string;
  readonly joules: number;
}

/**
 * Static power a component draws, as amounts per leakage category of the cost table (`pe`:
 * PE-equivalents of logic, `sramKiB`: KiB of SRAM); the table prices each category.
 */
export type Leakage = Readonly<Record<string, number>>;
