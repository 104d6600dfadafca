import type { SimResult } from '../sim/result.js';

/**
 * One colour per energy component, shared by every chart of a report, from the Okabe–Ito
 * colour-blind-safe palette. SRAM buffers (`sram.<name>`) take blues in the order the arch lists
 * them; in-memory-compute parts (`imc.*`) take Paul Tol's muted colours; components this module
 * does not know take dark neutral colours in stacking order.
 */

const FIXED: Readonly<Record<string, string>> = {
  mac: '#D55E00', // vermillion
  regfile: '#E69F00', // orange
  noc: '#F0E442', // yellow
  vector: '#CC79A7', // reddish purple
  dram: '#009E73', // bluish green
  static: '#999999', // grey
  // In-memory compute, from Paul Tol's colour-blind-safe "muted" scheme (Okabe–Ito is used up).
  'imc.array': '#332288', // indigo
  'imc.adc': '#882255', // wine
  'imc.dac': '#999933', // olive
  'imc.periphery': '#CC6677', // rose
  'imc.program': '#000000', // black
};

/** Blues for SRAM buffers: Okabe–Ito blue and sky blue, then a darker and a lighter blue. */
const SRAM_BLUES = ['#0072B2', '#56B4E9', '#00466E', '#A6D8F5', '#2B5C8A', '#7FA9CC'];
const OTHERS = ['#6B4C00', '#5E3C58', '#4D4D4D', '#8C6D31', '#3F6E5F', '#2F2F2F'];

/** Stacking and legend order: compute first, then storage from near to far, then leakage. */
const RANK = ['mac', 'imc', 'regfile', 'sram', 'noc', 'vector', 'dram', 'static'];

/** Colours of the states drawn in latency and timeline charts (not energy components). */
export const STATE_COLORS = {
  /** The PE array or vector unit computing. */
  compute: '#4D4D4D',
  /** Hatch lines of a stall: the compute unit waiting for DRAM. */
  stall: '#4D4D4D',
  /** A DRAM load (same hue as the DRAM energy component). */
  load: FIXED.dram,
  /** A DRAM store: a lighter tint of the DRAM hue. */
  store: '#7FCEB9',
} as const;

const rankOf = (name: string): number => {
  const head = /^(sram|imc)\./.test(name) ? name.slice(0, name.indexOf('.')) : name;
  const r = RANK.indexOf(head);
  return r < 0 ? RANK.length : r;
};

/** Component names in stacking order (stable: ties keep their order in `names`). */
export function orderComponents(names: readonly string[]): string[] {
  return [...new Set(names)]
    .map((n, i) => ({ n, i }))
    .sort((a, b) => rankOf(a.n) - rankOf(b.n) || a.i - b.i)
    .map((x) => x.n);
}

/** Colour of every component named in `names` (the keys of a result's energy breakdown). */
export function componentColors(names: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  let sram = 0;
  let other = 0;
  for (const n of orderComponents(names)) {
    if (FIXED[n]) out[n] = FIXED[n];
    else if (n.startsWith('sram.')) out[n] = SRAM_BLUES[sram++ % SRAM_BLUES.length];
    else out[n] = OTHERS[other++ % OTHERS.length];
  }
  return out;
}

/** A reader's name for a component: `sram.unified` → "SRAM unified", `noc` → "NoC". */
export function componentLabel(name: string): string {
  const known: Record<string, string> = {
    mac: 'MAC',
    regfile: 'register file',
    noc: 'NoC',
    vector: 'vector unit',
    dram: 'DRAM',
    static: 'static (leakage)',
    'imc.array': 'IMC crossbars',
    'imc.adc': 'IMC ADCs',
    'imc.dac': 'IMC DACs',
    'imc.periphery': 'IMC periphery',
    'imc.program': 'IMC programming',
  };
  if (known[name]) return known[name];
  if (name.startsWith('sram.')) return `SRAM ${name.slice(5)}`;
  return name;
}

/** Every component a result names (totals and layers), in stacking order. */
export function resultComponents(result: SimResult): string[] {
  const names = Object.keys(result.totals.energyBreakdownJoules);
  for (const l of result.layers) names.push(...Object.keys(l.energyBreakdownJoules));
  return orderComponents(names);
}

/** The colour of each component of a result: what every chart of its report uses. */
export const resultColors = (result: SimResult): Readonly<Record<string, string>> => componentColors(resultComponents(result));
