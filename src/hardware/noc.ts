import type { ComponentModel, Priced, Sized } from './component.js';

/** The on-chip network between SRAM levels and compute units: every on-chip byte crosses `hops` hops. */
export interface Noc extends ComponentModel {
  readonly kind: 'noc';
  readonly hops: number;
  /** Unit ports it feeds (each compute kind says how many it takes). */
  readonly endpoints: number;
}

/** NoC energy: per byte-hop, from the table's per-bit-per-hop entry. */
export const nocPart: Priced<Noc> & Sized<Noc> = {
  energyKeys: () => ['noc'],
  price(_n, action, table) {
    if (action !== 'bytes') throw new Error(`noc: no price for action "${action}"`);
    return { key: 'noc', joules: 8 * table.noc.perBitPerHopJ };
  },
  leakage: () => ({}),
  // A 32-bit crossbar port per endpoint; hops add wire, not ports.
  area: (n, t) => [{ key: 'noc', m2: n.endpoints * t.nocPerEndpointM2, logic: true }],
};
