import type { ComponentModel, Priced } from './component.js';

/** The on-chip network between SRAM levels and compute units: every on-chip byte crosses `hops` hops. */
export interface Noc extends ComponentModel {
  readonly kind: 'noc';
  readonly hops: number;
}

/** NoC energy: per byte-hop, from the table's per-bit-per-hop entry. */
export const nocPart: Priced<Noc> = {
  energyKeys: () => ['noc'],
  price(_n, action, table) {
    if (action !== 'bytes') throw new Error(`noc: no price for action "${action}"`);
    return { key: 'noc', joules: 8 * table.noc.perBitPerHopJ };
  },
  leakage: () => ({}),
};
