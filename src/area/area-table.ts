import type { AreaTableSpec } from '../config/schemas/area-table.js';
import { PRECISIONS, type Precision } from '../config/schemas/cost-table.js';
import { UserError } from '../config/user-error.js';
import { EntryReader } from '../energy/cost-table.js';

/** One SRAM point: macro area per bit (m²) of a bank of `capacityBytes`. */
export interface AreaSramAnchor {
  readonly capacityBytes: number;
  readonly perBitM2: number;
}

/**
 * A validated area table in plain numbers (m², or factors): what each component's silicon costs
 * at one technology node. Plain data, so it crosses worker threads.
 */
export interface AreaTable {
  readonly name: string;
  readonly description?: string;
  readonly node: string;
  /** The feature size F in metres (from the node), for cell areas given in F². */
  readonly featureM: number;
  readonly source: string;
  readonly file: string;
  readonly macM2: Readonly<Partial<Record<Precision, number>>>;
  readonly registerPerBitM2: number;
  readonly regfile: { readonly perBitM2: number; readonly flopMaxBytes: number };
  readonly sram: { readonly anchors: readonly AreaSramAnchor[]; readonly extraPort: number };
  readonly imc: {
    readonly cellF2: Readonly<Record<string, number>>;
    readonly adc: { readonly referenceBits: number; readonly areaM2: number; readonly scalePerBit: number };
    readonly dacPerBitM2: number;
    readonly perColumnM2: number;
    readonly shiftAddM2: number;
  };
  readonly vectorLaneM2: number;
  readonly nocPerEndpointM2: number;
  readonly d2dPerGBpsM2: number;
  readonly logicUtilisation: number;
  /** How a scaled table was obtained (informational). */
  readonly scaledFrom?: { readonly table: string; readonly logic: number; readonly sram: number; readonly analog: number };
  /** The `source` of every entry, keyed by JSON path (e.g. `/mac/int8`); scaled entries say how. */
  readonly sources: Readonly<Record<string, string>>;
}

type Sections = Omit<AreaTable, 'name' | 'description' | 'node' | 'featureM' | 'source' | 'file' | 'scaledFrom' | 'sources'>;

/** The feature size of a node such as "45nm", in metres. */
export const featureOf = (node: string): number => Number(node.slice(0, -2)) * 1e-9;

/**
 * Converts a schema-valid spec to numbers. A table `scaledFrom` another takes the other's areas
 * times its factors (logic, SRAM, analog; crossbar cells by F²) where it gives none of its own.
 */
export function buildAreaTable(spec: AreaTableSpec, file: string, base?: AreaTable): AreaTable {
  const r = new EntryReader(file);
  const sources: Record<string, string> = {};
  const own = readSections(spec, r);
  if (r.problems.length) throw new UserError(r.problems);
  let scaledFrom: AreaTable['scaledFrom'];
  let inherited: Partial<Sections> = {};
  if (spec.scaledFrom) {
    if (!base) throw new Error(`area table ${spec.name}: scaled from ${spec.scaledFrom.table}, which was not given`);
    scaledFrom = {
      table: spec.scaledFrom.table,
      logic: r.factor(spec.scaledFrom.logic, '/scaledFrom/logic'),
      sram: r.factor(spec.scaledFrom.sram, '/scaledFrom/sram'),
      analog: r.factor(spec.scaledFrom.analog, '/scaledFrom/analog'),
    };
    inherited = scaled(base, scaledFrom);
    for (const [path, source] of Object.entries(base.sources)) {
      const cls = CLASS_OF(path);
      sources[path] =
        cls === 'kept'
          ? `${source} (as in ${base.name}, not scaled)`
          : `derived: ${base.name} ${path} × ${cls === 'cells' ? 'the same F² at this node' : `${scaledFrom[cls]} (${cls} factor, see /scaledFrom/${cls})`}; there: ${source}`;
    }
  }
  // A section given here replaces the scaled one whole, sources included.
  for (const key of Object.keys(own) as (keyof Sections)[]) {
    const prefix = `/${SECTION_KEY[key as (typeof SECTION_NAMES)[number]]}/`;
    for (const path of Object.keys(sources)) if (path.startsWith(prefix)) delete sources[path];
  }
  Object.assign(sources, r.sources);
  const merged = { ...inherited, ...own };
  const missing = SECTION_NAMES.filter((k) => merged[k] === undefined);
  if (missing.length) {
    throw new UserError([
      {
        file,
        path: '',
        message: `missing ${missing.map((m) => `"${SECTION_KEY[m]}"`).join(', ')}; expected every section, or "scaledFrom" naming a table to scale the rest from`,
      },
    ]);
  }
  return {
    name: spec.name,
    description: spec.description,
    node: spec.node,
    featureM: featureOf(spec.node),
    source: spec.source,
    file,
    ...(merged as Sections),
    ...(scaledFrom ? { scaledFrom } : {}),
    sources,
  };
}

const SECTION_NAMES = [
  'macM2',
  'registerPerBitM2',
  'regfile',
  'sram',
  'imc',
  'vectorLaneM2',
  'nocPerEndpointM2',
  'd2dPerGBpsM2',
  'logicUtilisation',
] as const satisfies readonly (keyof Sections)[];
const SECTION_KEY: Record<(typeof SECTION_NAMES)[number], string> = {
  macM2: 'mac',
  registerPerBitM2: 'register',
  regfile: 'regfile',
  sram: 'sram',
  imc: 'imc',
  vectorLaneM2: 'vector',
  nocPerEndpointM2: 'noc',
  d2dPerGBpsM2: 'd2d',
  logicUtilisation: 'integration',
};

/** Which factor an entry (by its JSON path) scales by. */
function CLASS_OF(path: string): 'logic' | 'sram' | 'analog' | 'cells' | 'kept' {
  if (path.startsWith('/sram/anchors') && path.endsWith('/perBit')) return 'sram';
  if (path === '/imc/adc/area' || path === '/imc/perColumn') return 'analog';
  if (path.startsWith('/imc/cellF2')) return 'cells';
  if (
    path.startsWith('/d2d') ||
    path.startsWith('/integration') ||
    path.startsWith('/sram/') ||
    path.startsWith('/imc/adc/scale')
  )
    return 'kept';
  if (path === '/regfile/flopMaxBytes') return 'kept';
  return 'logic';
}

function scaled(t: AreaTable, f: { logic: number; sram: number; analog: number }): Sections {
  const logic = (x: number) => x * f.logic;
  return {
    macM2: Object.fromEntries(Object.entries(t.macM2).map(([p, a]) => [p, logic(a)])),
    registerPerBitM2: logic(t.registerPerBitM2),
    regfile: { perBitM2: logic(t.regfile.perBitM2), flopMaxBytes: t.regfile.flopMaxBytes },
    sram: {
      anchors: t.sram.anchors.map((a) => ({ capacityBytes: a.capacityBytes, perBitM2: a.perBitM2 * f.sram })),
      extraPort: t.sram.extraPort,
    },
    imc: {
      cellF2: t.imc.cellF2,
      adc: { ...t.imc.adc, areaM2: t.imc.adc.areaM2 * f.analog },
      dacPerBitM2: logic(t.imc.dacPerBitM2),
      perColumnM2: t.imc.perColumnM2 * f.analog,
      shiftAddM2: logic(t.imc.shiftAddM2),
    },
    vectorLaneM2: logic(t.vectorLaneM2),
    nocPerEndpointM2: logic(t.nocPerEndpointM2),
    d2dPerGBpsM2: t.d2dPerGBpsM2,
    logicUtilisation: t.logicUtilisation,
  };
}

/** The sections the spec gives, in numbers. */
function readSections(spec: AreaTableSpec, r: EntryReader): Partial<Sections> {
  const out: Partial<Record<keyof Sections, unknown>> = {};
  const area = (e: { value: number | string; source: string }, path: string) => r.read(e, 'area', path);
  if (spec.mac) {
    const mac: Partial<Record<Precision, number>> = {};
    for (const p of PRECISIONS) {
      const e = spec.mac[p];
      if (e) mac[p] = area(e, `/mac/${p}`);
    }
    out.macM2 = mac;
  }
  if (spec.register) out.registerPerBitM2 = area(spec.register.perBit, '/register/perBit');
  if (spec.regfile)
    out.regfile = {
      perBitM2: area(spec.regfile.perBit, '/regfile/perBit'),
      flopMaxBytes: r.factor(spec.regfile.flopMaxBytes, '/regfile/flopMaxBytes'),
    };
  if (spec.sram) {
    const anchors = spec.sram.anchors.map((a, i) => ({
      capacityBytes: r.capacity(a.capacity, `/sram/anchors/${i}/capacity`),
      perBitM2: area(a.perBit, `/sram/anchors/${i}/perBit`),
    }));
    for (let i = 1; i < anchors.length; i++) {
      if (anchors[i].capacityBytes <= anchors[i - 1].capacityBytes)
        r.problems.push({
          file: r.file,
          path: `/sram/anchors/${i}/capacity`,
          message: `anchors must be listed in increasing capacity (${anchors[i].capacityBytes} B follows ${anchors[i - 1].capacityBytes} B)`,
        });
    }
    out.sram = { anchors, extraPort: r.factor(spec.sram.extraPort, '/sram/extraPort') };
  }
  if (spec.imc) {
    const cellF2: Record<string, number> = {};
    for (const [tech, e] of Object.entries(spec.imc.cellF2)) cellF2[tech] = r.factor(e, `/imc/cellF2/${tech}`);
    out.imc = {
      cellF2,
      adc: {
        referenceBits: spec.imc.adc.referenceBits,
        areaM2: area(spec.imc.adc.area, '/imc/adc/area'),
        scalePerBit: r.factor(spec.imc.adc.scalePerBit, '/imc/adc/scalePerBit'),
      },
      dacPerBitM2: area(spec.imc.dacPerBit, '/imc/dacPerBit'),
      perColumnM2: area(spec.imc.perColumn, '/imc/perColumn'),
      shiftAddM2: area(spec.imc.shiftAdd, '/imc/shiftAdd'),
    };
  }
  if (spec.vector) out.vectorLaneM2 = area(spec.vector.perLane, '/vector/perLane');
  if (spec.noc) out.nocPerEndpointM2 = area(spec.noc.perEndpoint, '/noc/perEndpoint');
  if (spec.d2d) out.d2dPerGBpsM2 = area(spec.d2d.perGBps, '/d2d/perGBps');
  if (spec.integration) {
    const u = r.factor(spec.integration.logicUtilisation, '/integration/logicUtilisation');
    if (u > 1)
      r.problems.push({
        file: r.file,
        path: '/integration/logicUtilisation/value',
        message: `a utilisation is at most 1, got ${u}`,
      });
    out.logicUtilisation = u;
  }
  return out as Partial<Sections>;
}
