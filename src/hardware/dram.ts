import type { DramSpec } from '../config/schemas/arch.js';
import { parseQuantity } from '../config/units.js';
import { dramEnergyPerByteJ } from '../energy/cost-lookup.js';
import type { BuildContext, ComponentModel, Priced, Sized } from './component.js';

/** The off-chip memory (DRAM, a host link, or flash). `ideal` means infinite bandwidth and no latency. */
export interface Dram extends ComponentModel {
  readonly kind: 'dram' | 'host-link' | 'flash';
  readonly technology?: string;
  readonly ideal: boolean;
  readonly bytesPerSecond: number;
  readonly latencySeconds: number;
}

/** Builds the off-chip memory from its spec. */
export function buildDram(d: DramSpec, { at, log, file, problems }: BuildContext): Dram {
  log.note(d.source, at);
  const ideal = d.ideal ?? false;
  let bytesPerSecond = Number.MAX_VALUE;
  let latencySeconds = 0;
  if (!ideal) {
    if (d.bandwidth === undefined) {
      problems.push({ file, path: `${at}/bandwidth`, message: 'required unless "ideal": true (e.g. "25.6 GB/s")' });
    } else {
      bytesPerSecond = parseQuantity(log.take(d.bandwidth, `${at}/bandwidth`), 'bytesPerSecond', file, `${at}/bandwidth`);
      if (bytesPerSecond <= 0)
        problems.push({ file, path: `${at}/bandwidth`, message: 'bandwidth must be > 0 (use "ideal": true for no limit)' });
    }
    if (d.latency !== undefined)
      latencySeconds = parseQuantity(log.take(d.latency, `${at}/latency`), 'seconds', file, `${at}/latency`);
  }
  return { name: 'dram', kind: d.kind ?? 'dram', technology: d.technology, ideal, bytesPerSecond, latencySeconds };
}

/** A channel's timing in cycles: how long `bytes` occupy it, and the latency before its first data lands. */
export interface ChannelTiming {
  /** Cycles the channel is busy moving `bytes` (bandwidth-limited). */
  readonly occupancy: (bytes: number) => number;
  /**
   * Cycles from the end of a layer's first transfer in each direction until its data is usable.
   * Later transfers of the layer stream behind it (the DMA queue is kept full), so they pay none.
   */
  readonly latency: number;
}

/** Timing of a channel of `bytesPerSecond` and `latencySeconds` at `clockHz`; an ideal one costs nothing. */
export function channelTiming(bytesPerSecond: number, latencySeconds: number, clockHz: number, ideal = false): ChannelTiming {
  if (ideal) return { occupancy: () => 0, latency: 0 };
  const bytesPerCycle = bytesPerSecond / clockHz;
  return {
    occupancy: (b: number) => Math.ceil(b / bytesPerCycle - 1e-9),
    latency: Math.ceil(latencySeconds * clockHz - 1e-9),
  };
}

/** The technology a link's traffic is priced as: its own, else `host-link` for a host link. */
export const dramTechnology = (d: Dram): string => d.technology ?? (d.kind === 'host-link' ? 'host-link' : 'generic');

/** Off-chip energy: per byte moved either way, by technology. It has no area on the die (its PHY is not modelled). */
export const dramPart: Priced<Dram> & Sized<Dram> = {
  energyKeys: () => ['dram'],
  price(d, action, table) {
    if (action !== 'bytes') throw new Error(`dram: no price for action "${action}"`);
    return { key: 'dram', joules: dramEnergyPerByteJ(table, dramTechnology(d)) };
  },
  leakage: () => ({}),
  area: () => [],
};
