import { PRECISIONS, type CostTableSpec, type Precision } from '../config/schemas/cost-table.js';
import { parseQuantity, type Dimension } from '../config/units.js';
import { UserError, type Problem } from '../config/user-error.js';

export type { Precision } from '../config/schemas/cost-table.js';
export { PRECISIONS } from '../config/schemas/cost-table.js';

/** One SRAM anchor point: per-byte energies (J) of an SRAM of `capacityBytes`. */
export interface SramAnchor {
  readonly capacityBytes: number;
  readonly readPerByteJ: number;
  readonly writePerByteJ: number;
}

/** J per crossbar cell: a read pulse, a charge-domain read (its own capacitor charged and shared, when given) and a write. */
export interface ImcCellEnergies {
  readonly readJ: number;
  readonly writeJ: number;
  readonly capacitorReadJ?: number;
}

/**
 * A validated cost table in plain numbers: joules per action, per byte or per bit as each field
 * name says, watts for static power. Plain data (no methods), so it can cross worker threads.
 */
export interface CostTable {
  readonly name: string;
  readonly description?: string;
  readonly node: string;
  readonly source: string;
  /** The file the table was loaded from (the named one, not what it extends). */
  readonly file: string;
  /** Every file read, the named one first, then what it extends. */
  readonly files: readonly string[];
  /** J per multiply-accumulate (multiply + add at the accumulator width), by precision. */
  readonly macJ: Readonly<Partial<Record<Precision, number>>>;
  /** J per add, by operand precision. */
  readonly addJ: Readonly<Partial<Record<Precision, number>>>;
  /** J per multiply, by operand precision. */
  readonly multiplyJ: Readonly<Partial<Record<Precision, number>>>;
  readonly regfile: { readonly readPerByteJ: number; readonly writePerByteJ: number };
  /** Anchor points in increasing capacity; use `sramEnergyPerByteJ` to interpolate. */
  readonly sram: readonly SramAnchor[];
  /** J per bit transferred, by lower-case technology (`lpddr4`, `hbm2`, `host-link`, ...). */
  readonly dramPerBitJ: Readonly<Record<string, number>>;
  readonly noc: { readonly perBitPerHopJ: number };
  readonly imc: {
    /** J per cell per read pulse / per cell programmed, by cell technology. */
    readonly cells: Readonly<Record<string, ImcCellEnergies>>;
    /** E(bits) = conversionJ × scalePerBit^(bits − referenceBits); use `adcConversionEnergyJ`. */
    readonly adc: { readonly referenceBits: number; readonly conversionJ: number; readonly scalePerBit: number };
    /** J to drive one row once through its DAC: one input step, whatever the DAC's resolution. */
    readonly dacPerRowDriveJ: number;
  };
  readonly leakage: { readonly perPeW: number; readonly sramPerKiBW: number };
  /** J per action of other component kinds, by kind and action name. */
  readonly componentsJ: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** How a derived table was scaled from another (informational). */
  readonly scaling?: { readonly from: string; readonly factors: Readonly<Record<string, number>> };
  /** The `source` of every entry, keyed by JSON path (e.g. `/mac/int8`). */
  readonly sources: Readonly<Record<string, string>>;
}

/** Converts a schema-valid spec to numbers, collecting every unit and consistency problem. */
export function buildCostTable(spec: CostTableSpec, file: string, files: readonly string[] = [file]): CostTable {
  const r = new EntryReader(file);
  const perPrecision = (section: 'mac' | 'add' | 'multiply') => {
    const out: Partial<Record<Precision, number>> = {};
    for (const p of PRECISIONS) {
      const e = spec[section][p];
      if (e) out[p] = r.read(e, 'joules', `/${section}/${p}`);
    }
    return out;
  };
  const macJ = perPrecision('mac');
  const addJ = perPrecision('add');
  const multiplyJ = perPrecision('multiply');
  const regfile = {
    readPerByteJ: r.read(spec.regfile.readPerByte, 'joules', '/regfile/readPerByte'),
    writePerByteJ: r.read(spec.regfile.writePerByte, 'joules', '/regfile/writePerByte'),
  };
  const sram = readSramAnchors(spec, r);
  const dramPerBitJ: Record<string, number> = {};
  for (const [tech, e] of Object.entries(spec.dram)) dramPerBitJ[tech] = r.read(e, 'joules', `/dram/${tech}`);
  const cells: Record<string, ImcCellEnergies> = {};
  for (const [tech, c] of Object.entries(spec.imc.cells)) {
    cells[tech] = {
      readJ: r.read(c.read, 'joules', `/imc/cells/${tech}/read`),
      writeJ: r.read(c.write, 'joules', `/imc/cells/${tech}/write`),
      ...(c.capacitorRead ? { capacitorReadJ: r.read(c.capacitorRead, 'joules', `/imc/cells/${tech}/capacitorRead`) } : {}),
    };
  }
  const { adc } = spec.imc;
  const imc = {
    cells,
    adc: {
      referenceBits: adc.referenceBits,
      conversionJ: r.read(adc.conversion, 'joules', '/imc/adc/conversion'),
      scalePerBit: r.factor(adc.scalePerBit, '/imc/adc/scalePerBit'),
    },
    dacPerRowDriveJ: r.read(spec.imc.dacPerRowDrive, 'joules', '/imc/dacPerRowDrive'),
  };
  const leakage = {
    perPeW: r.read(spec.leakage.perPe, 'watts', '/leakage/perPe'),
    sramPerKiBW: r.read(spec.leakage.sramPerKiB, 'watts', '/leakage/sramPerKiB'),
  };
  const componentsJ: Record<string, Record<string, number>> = {};
  for (const [kind, actions] of Object.entries(spec.components ?? {})) {
    componentsJ[kind] = {};
    for (const [action, e] of Object.entries(actions))
      componentsJ[kind][action] = r.read(e, 'joules', `/components/${kind}/${action}`);
  }
  let scaling: CostTable['scaling'];
  if (spec.scaling) {
    const { from, ...rest } = spec.scaling;
    const factors: Record<string, number> = {};
    for (const [k, e] of Object.entries(rest)) factors[k] = r.factor(e, `/scaling/${k}`);
    scaling = { from, factors };
  }
  if (r.problems.length) throw new UserError(r.problems);
  return {
    name: spec.name,
    description: spec.description,
    node: spec.node,
    source: spec.source,
    file,
    files,
    macJ,
    addJ,
    multiplyJ,
    regfile,
    sram,
    dramPerBitJ,
    noc: { perBitPerHopJ: r.read(spec.noc.perBitPerHop, 'joules', '/noc/perBitPerHop') },
    imc,
    leakage,
    componentsJ,
    scaling,
    sources: r.sources,
  };
}

/** Parses the anchors and checks they grow in capacity and never get cheaper per byte as they grow. */
function readSramAnchors(spec: CostTableSpec, r: EntryReader): SramAnchor[] {
  const anchors = spec.sram.anchors.map((a, i) => {
    const at = `/sram/anchors/${i}`;
    return {
      capacityBytes: r.capacity(a.capacity, `${at}/capacity`),
      readPerByteJ: r.read(a.readPerByte, 'joules', `${at}/readPerByte`),
      writePerByteJ: r.read(a.writePerByte, 'joules', `${at}/writePerByte`),
    };
  });
  for (let i = 1; i < anchors.length; i++) {
    const [prev, cur] = [anchors[i - 1], anchors[i]];
    const at = `/sram/anchors/${i}`;
    if ([prev, cur].some((a) => Object.values(a).some(Number.isNaN))) continue; // already reported
    if (cur.capacityBytes <= prev.capacityBytes) {
      r.problems.push({
        file: r.file,
        path: `${at}/capacity`,
        message: `anchors must be listed in increasing capacity (${cur.capacityBytes} B follows ${prev.capacityBytes} B)`,
      });
    }
    for (const key of ['readPerByteJ', 'writePerByteJ'] as const) {
      if (cur[key] < prev[key]) {
        const field = key === 'readPerByteJ' ? 'readPerByte' : 'writePerByte';
        r.problems.push({
          file: r.file,
          path: `${at}/${field}`,
          message: `energy per byte must not fall as capacity grows (${cur[key]} J here < ${prev[key]} J at the previous anchor)`,
        });
      }
    }
  }
  return anchors;
}

/** Reads sourced entries, remembering each source and collecting problems instead of stopping at the first. */
export class EntryReader {
  readonly problems: Problem[] = [];
  readonly sources: Record<string, string> = {};

  constructor(readonly file: string) {}

  read(entry: { value: number | string; source: string }, dimension: Dimension, path: string): number {
    this.sources[path] = entry.source;
    return this.guard(() => parseQuantity(entry.value, dimension, this.file, `${path}/value`));
  }

  factor(entry: { value: number; source: string }, path: string): number {
    this.sources[path] = entry.source;
    return entry.value;
  }

  capacity(value: number | string, path: string): number {
    const bytes = this.guard(() => parseQuantity(value, 'bytes', this.file, path));
    if (bytes === 0) this.problems.push({ file: this.file, path, message: 'an SRAM anchor must have a capacity > 0 bytes' });
    return bytes;
  }

  private guard(parse: () => number): number {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.problems.push(...err.problems);
      return Number.NaN;
    }
  }
}
