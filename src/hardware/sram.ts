import type { SramSpec } from '../config/schemas/arch.js';
import type { TensorRole } from '../config/schemas/common.js';
import { parseQuantity } from '../config/units.js';
import { sramEnergyPerByteJ } from '../energy/cost-lookup.js';
import { regfileAreaM2, sramAreaM2 } from '../area/area-lookup.js';
import type { BuildContext, ComponentModel, Priced, Sized } from './component.js';

/** An on-chip memory level: an SRAM buffer holding some tensor roles, at a place in the hierarchy. */
export interface SramBuffer extends ComponentModel {
  readonly kind: 'sram';
  readonly bytes: number;
  readonly holds: readonly TensorRole[];
  readonly banks: number;
  readonly wordBytes: number;
  /** 0 next to the compute units; a role held at several levels flows through them in order. */
  readonly level: number;
  /** Bytes per second it delivers inward; undefined when its transfers are not timed. */
  readonly bytesPerSecond?: number;
  readonly latencySeconds: number;
  readonly ports: number;
  /** How its accesses are priced: by the SRAM curve, or as register-file accesses. */
  readonly technology: 'sram' | 'regfile';
  /** The network's input and output tensors live here, not off chip. */
  readonly graphTensors: boolean;
}

/**
 * Whether a level's accesses cross the on-chip network: not a register file, which sits inside
 * the PEs (a byte filling one crosses once, counted at the level it comes from).
 */
export const onNetwork = (b: SramBuffer): boolean => b.technology !== 'regfile';

/** Builds an SRAM level, adding what a schema cannot check to the context's problems. */
export function buildSram(s: SramSpec, { name, at, log, file, problems }: BuildContext): SramBuffer {
  log.note(s.source, at);
  const bytes = parseQuantity(log.take(s.size, `${at}/size`), 'bytes', file, `${at}/size`);
  if (bytes <= 0) problems.push({ file, path: `${at}/size`, message: 'an SRAM buffer must hold more than 0 bytes' });
  const bytesPerSecond =
    s.bandwidth === undefined
      ? undefined
      : parseQuantity(log.take(s.bandwidth, `${at}/bandwidth`), 'bytesPerSecond', file, `${at}/bandwidth`);
  if (bytesPerSecond === 0)
    problems.push({ file, path: `${at}/bandwidth`, message: 'bandwidth must be > 0 (leave it out for an untimed level)' });
  return {
    name,
    kind: 'sram',
    bytes: Math.floor(bytes),
    holds: s.holds,
    banks: s.banks === undefined ? 1 : log.take(s.banks, `${at}/banks`),
    wordBytes: s.wordBytes === undefined ? 1 : log.take(s.wordBytes, `${at}/wordBytes`),
    level: s.level === undefined ? 0 : log.take(s.level, `${at}/level`),
    ...(bytesPerSecond === undefined ? {} : { bytesPerSecond }),
    latencySeconds:
      s.latency === undefined ? 0 : parseQuantity(log.take(s.latency, `${at}/latency`), 'seconds', file, `${at}/latency`),
    ports: s.ports === undefined ? 1 : log.take(s.ports, `${at}/ports`),
    technology: s.technology ?? 'sram',
    graphTensors: s.graphTensors ?? false,
  };
}

/** The bytes per second its banks deliver if each returns one word per cycle: its roofline ceiling. */
export const portBytesPerSecond = (b: SramBuffer, clockHz: number): number => b.bytesPerSecond ?? b.banks * b.wordBytes * clockHz;

/**
 * An SRAM level's energy: per byte read or written, that of one bank (capacity ÷ banks), or a
 * register file's per byte; leakage per KiB.
 */
export const sramPart: Priced<SramBuffer> & Sized<SramBuffer> = {
  energyKeys: (b) => [`sram.${b.name}`],
  price(b, action, table) {
    if (action !== 'read' && action !== 'write') throw new Error(`sram: no price for action "${action}"`);
    const joules =
      b.technology === 'regfile'
        ? action === 'read'
          ? table.regfile.readPerByteJ
          : table.regfile.writePerByteJ
        : sramEnergyPerByteJ(table, b.bytes / b.banks, action);
    return { key: `sram.${b.name}`, joules };
  },
  leakage: (b) => ({ sramKiB: b.bytes / 1024 }),
  area(b, t) {
    const key = `sram.${b.name}`;
    if (b.technology === 'regfile') {
      const flops = b.bytes / b.banks <= t.regfile.flopMaxBytes;
      return [{ key, m2: regfileAreaM2(t, b.bytes, b.banks, b.ports), logic: flops }];
    }
    return [{ key, m2: sramAreaM2(t, b.bytes, b.banks, b.ports), logic: false }];
  },
};
