import { UserError } from '../config/user-error.js';
import type { ActionPrice, LayerActionCounts, Leakage } from './actions.js';
import type { CostTable } from './cost-table.js';

/** Joules by named component; the parts sum to the total. */
export type EnergyBreakdown = Record<string, number>;

/** The price of an action of the component at `path`, looked up once per (path, action). */
export type Pricer = (path: string, action: string) => ActionPrice;

/** Memoises a price lookup, so a run looks each price up once, not once per layer. */
export function memoPricer(lookup: Pricer): Pricer {
  const seen = new Map<string, Map<string, ActionPrice>>();
  return (path, action) => {
    let byAction = seen.get(path);
    if (!byAction) seen.set(path, (byAction = new Map()));
    let p = byAction.get(action);
    if (!p) byAction.set(action, (p = lookup(path, action)));
    return p;
  };
}

/**
 * Energy of one layer: Σ count × price, booked under each price's key, plus static power × its
 * time. Every key of `keys` is present, in that order (0 when unused); actions counted 0 are not
 * priced, so a table need only price what a run does.
 */
export function tallyEnergy(
  counts: Readonly<LayerActionCounts>,
  seconds: number,
  price: Pricer,
  keys: readonly string[],
  staticWatts: number,
): EnergyBreakdown {
  const out: EnergyBreakdown = {};
  for (const k of keys) out[k] = 0;
  for (const path in counts) {
    const actions = counts[path];
    for (const action in actions) {
      const n = actions[action];
      if (n === 0) continue;
      const p = price(path, action);
      out[p.key] = (out[p.key] ?? 0) + n * p.joules;
    }
  }
  out.static = staticWatts * seconds;
  return out;
}

/** The table's price of each leakage category, in W per unit of amount. */
const LEAKAGE_CATEGORIES: Readonly<Record<string, (t: CostTable) => number>> = {
  pe: (t) => t.leakage.perPeW,
  sramKiB: (t) => t.leakage.sramPerKiBW,
};

/** Static power of a chip from its components' leakage amounts, category by category. */
export function staticWatts(parts: readonly Leakage[], table: CostTable): number {
  const amounts = new Map<string, number>();
  for (const l of parts) for (const [c, a] of Object.entries(l)) amounts.set(c, (amounts.get(c) ?? 0) + a);
  let watts = 0;
  for (const [category, perUnit] of Object.entries(LEAKAGE_CATEGORIES)) watts += perUnit(table) * (amounts.get(category) ?? 0);
  for (const category of amounts.keys()) {
    if (!(category in LEAKAGE_CATEGORIES))
      throw new UserError({
        file: table.file,
        path: '/leakage',
        message: `cost table "${table.name}" has no leakage category "${category}"`,
      });
  }
  return watts;
}

/**
 * The order of a result's breakdown keys (result@1): MACs, register files, SRAM levels, NoC,
 * vector unit, crossbars, any other component, off-chip memory, static. The keys result@1 has
 * always carried are present even when zero.
 */
const LAYOUT: readonly { readonly group: string; readonly always: boolean }[] = [
  { group: 'mac', always: true },
  { group: 'regfile', always: true },
  { group: 'sram', always: false },
  { group: 'noc', always: true },
  { group: 'vector', always: true },
  { group: 'imc', always: false },
  { group: '*', always: false },
  { group: 'dram', always: true },
  { group: 'static', always: true },
];

/** Breakdown keys in result@1 order, from the components' own keys. */
export function breakdownKeys(componentKeys: readonly string[]): string[] {
  const groupOf = (key: string) => {
    const g = key.split('.')[0];
    return LAYOUT.some((l) => l.group === g) ? g : '*';
  };
  const all = [...new Set([...LAYOUT.filter((l) => l.always).map((l) => l.group), ...componentKeys])];
  const rank = (key: string) => LAYOUT.findIndex((l) => l.group === groupOf(key));
  return all
    .map((key, i) => ({ key, i }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
    .map((x) => x.key);
}

/** The total of a breakdown, summed in its key order (so totals are reproducible bit for bit). */
export const sumEnergy = (b: EnergyBreakdown): number => Object.values(b).reduce((s, j) => s + j, 0);

/** Component-wise sum of breakdowns with the same keys. */
export function addBreakdowns(parts: readonly EnergyBreakdown[]): EnergyBreakdown {
  const out: EnergyBreakdown = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = (out[k] ?? 0) + v;
  return out;
}
