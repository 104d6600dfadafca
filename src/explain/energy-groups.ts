import type { SimResult } from '../sim/result.js';
import { orderComponents } from '../report/palette.js';

/**
 * The four things a joule can be spent on, for teaching the von Neumann bottleneck.
 *
 * - **data movement**: DRAM, every SRAM buffer, the on-chip network, and the PE register files.
 *   The register file is counted here, not as compute: reading two operands into a multiplier
 *   and writing its partial sum back is moving data to and from the ALU — the innermost level of
 *   the storage hierarchy (Eyeriss counts it the same way: RF → NoC → buffer → DRAM). It is the
 *   cost an in-memory design removes for weights, which never leave their cells.
 * - **compute**: the digital MACs, the vector unit, and the crossbars with their converters and
 *   shift-add periphery (the analogue MAC and what it takes to get a digital number out of it).
 * - **reprogramming**: writing weights into crossbar cells (`imc.program`).
 * - **static**: leakage power × latency.
 * - **other**: a component this module does not know (none today); kept so the parts always sum.
 */
export type EnergyGroupName = 'data movement' | 'compute' | 'reprogramming' | 'static' | 'other';

/** Groups in the order they are shown. */
export const GROUP_ORDER: readonly EnergyGroupName[] = ['data movement', 'compute', 'reprogramming', 'static', 'other'];

/** What each group holds, in words (chart headings, docs). */
export const GROUP_MEMBERS: Readonly<Record<EnergyGroupName, string>> = {
  'data movement': 'DRAM, SRAM buffers, on-chip network, PE register files',
  compute: 'MACs, vector unit, crossbar cells, ADCs, DACs, shift-add periphery',
  reprogramming: 'writing weights into crossbar cells',
  static: 'leakage power × latency',
  other: 'components not classified',
};

/** The group an energy component belongs to. */
export function groupOf(component: string): EnergyGroupName {
  if (component === 'dram' || component === 'noc' || component === 'regfile' || component.startsWith('sram.'))
    return 'data movement';
  if (component === 'imc.program') return 'reprogramming';
  if (component === 'mac' || component === 'vector' || component.startsWith('imc.')) return 'compute';
  if (component === 'static') return 'static';
  return 'other';
}

/** One group of a design's energy, with its components in stacking order. */
export interface EnergyGroup {
  readonly group: EnergyGroupName;
  readonly joules: number;
  /** joules ÷ the design's total energy (0 when the total is 0). */
  readonly share: number;
  readonly components: readonly { readonly component: string; readonly joules: number }[];
}

/**
 * A result's total energy by group (every group in `GROUP_ORDER` except an empty `other`), each
 * with its components. The groups sum to `totals.energyJoules` up to float rounding.
 */
export function energyGroups(result: SimResult): EnergyGroup[] {
  const parts = result.totals.energyBreakdownJoules;
  const total = result.totals.energyJoules;
  const names = orderComponents(Object.keys(parts));
  return GROUP_ORDER.map((group) => {
    const components = names.filter((c) => groupOf(c) === group).map((component) => ({ component, joules: parts[component] }));
    const joules = components.reduce((s, c) => s + c.joules, 0);
    return { group, joules, share: total > 0 ? joules / total : 0, components };
  }).filter((g) => g.group !== 'other' || g.components.length > 0);
}

/** The joules of one group of a result (0 if the group is empty). */
export function groupJoules(result: SimResult, group: EnergyGroupName): number {
  return energyGroups(result).find((g) => g.group === group)?.joules ?? 0;
}
