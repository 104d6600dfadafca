import type { ArchSpec } from '../config/schemas/arch.js';
import { SourceLog } from '../config/sourced.js';
import { parseQuantity } from '../config/units.js';
import { UserError, type Problem } from '../config/user-error.js';
import { DEFAULT_COST_TABLE, kindOf, type Arch } from './arch.js';
import type { BuildContext, ComponentModel } from './component.js';
import { buildDram } from './dram.js';
import { computeKindList, computeKindOf } from './registry.js';
import { buildSram, type SramBuffer } from './sram.js';
import { NO_FORMATS } from './tensor-storage.js';
import type { VectorUnit } from './vector-unit.js';

/**
 * Builds the numeric model from a schema-valid spec, checking what a schema cannot: every
 * problem is collected with its JSON path, then thrown as one UserError.
 */
export function buildArch(spec: ArchSpec, file: string | undefined, files: readonly string[] = []): Arch {
  const log = new SourceLog();
  const problems: Problem[] = [];
  const ctx = (name: string, at: string): BuildContext => ({ name, at, file, log, problems });
  log.note(spec.source, '');
  const clockHz = parseQuantity(log.take(spec.clock, '/clock'), 'hertz', file, '/clock');
  if (clockHz <= 0) problems.push({ file, path: '/clock', message: 'clock must be > 0 Hz' });
  const invokeSeconds =
    spec.invokeOverhead === undefined
      ? 0
      : parseQuantity(log.take(spec.invokeOverhead, '/invokeOverhead'), 'seconds', file, '/invokeOverhead');
  if (invokeSeconds < 0) problems.push({ file, path: '/invokeOverhead', message: 'invoke overhead must be ≥ 0 s' });
  const units = buildUnits(spec, ctx, problems, file);
  const sram = Object.entries(spec.memory.sram).map(([name, s]) => buildSram(s, ctx(name, `/memory/sram/${name}`)));
  checkHolders(sram, problems, file);
  checkGraphTensors(sram, problems, file);
  const dram = buildDram(spec.memory.dram, ctx('dram', '/memory/dram'));
  const energy = buildEnergy(spec, log, file);
  if (problems.length) throw new UserError(problems);
  const withFormats = units.map((u) => kindOf(u).formats?.(u)).find((f) => f !== undefined);
  return {
    name: spec.name,
    description: spec.description,
    clockHz,
    invokeSeconds,
    units,
    sram,
    dram,
    noc: {
      name: 'noc',
      kind: 'noc',
      hops: energy.nocHops,
      endpoints: units.reduce((n, u) => n + (kindOf(u).nocEndpoints?.(u) ?? 0), 0),
    },
    formats: withFormats ?? NO_FORMATS,
    options: {
      cacheWeights: spec.options?.cacheWeights ?? false,
      keepActivationsOnChip: spec.options?.keepActivationsOnChip ?? true,
      overlapLayers: spec.options?.overlapLayers ?? false,
      mapping: spec.options?.mapping ?? 'search',
      mappingObjective: spec.options?.mappingObjective ?? 'edp',
    },
    energy,
    ...(spec.calibration && { calibration: spec.calibration }),
    sources: log.entries,
    files,
    origin: file ?? `arch "${spec.name}"`,
  };
}

/** The compute units, one per kind, each built by its kind; a stand-in vector unit when none is declared. */
function buildUnits(
  spec: ArchSpec,
  ctx: (name: string, at: string) => BuildContext,
  problems: Problem[],
  file?: string,
): ComponentModel[] {
  const units: ComponentModel[] = [];
  const byKind = new Map<string, ComponentModel>();
  for (const [name, c] of Object.entries(spec.compute)) {
    const at = `/compute/${name}`;
    const kind = computeKindOf(c.kind);
    ctx(name, at).log.note(c.source, at);
    const taken = byKind.get(kind.kind);
    if (taken) {
      problems.push({ file, path: at, message: `only one ${kind.noun} is supported per arch (already have "${taken.name}")` });
      continue;
    }
    const unit = kind.build(c as never, ctx(name, at)) as ComponentModel;
    byKind.set(kind.kind, unit);
    units.push(unit);
  }
  const roles = new Set(units.map((u) => kindOf(u).role));
  if (!roles.has('array') && !roles.has('imc')) {
    const macKinds = computeKindList().filter((k) => k.role === 'array' || k.role === 'imc');
    problems.push({
      file,
      path: '/compute',
      message: `expected a compute unit of kind ${macKinds.map((k) => `"${k.kind}"`).join(' or ')} (or both: a hybrid)`,
    });
  }
  if (!byKind.has('vector-unit')) units.push(standInVectorUnit(units, spec));
  return units;
}

/** Without a vector unit, element-wise work runs one lane per column of the array (else the crossbars). */
function standInVectorUnit(units: readonly ComponentModel[], spec: ArchSpec): VectorUnit {
  const rank = (u: ComponentModel) => ['array', 'imc'].indexOf(kindOf(u).role) >>> 0;
  const donor = [...units].sort((a, b) => rank(a) - rank(b)).find((u) => kindOf(u).vectorLanes);
  const name = 'vector' in spec.compute ? 'vector-unit' : 'vector';
  return { name, kind: 'vector-unit', lanes: donor ? kindOf(donor).vectorLanes!(donor) : 1, implicit: true };
}

/** Every role needs a level to live in, and at most one level per place in the hierarchy. */
function checkHolders(sram: readonly SramBuffer[], problems: Problem[], file?: string): void {
  for (const role of ['input', 'weight', 'output'] as const) {
    const holders = sram.filter((b) => b.holds.includes(role));
    if (!holders.length) {
      problems.push({
        file,
        path: '/memory/sram',
        message: `no SRAM buffer holds "${role}" tensors; expected exactly one buffer with "${role}" in "holds"`,
      });
    }
    for (const level of new Set(holders.map((b) => b.level))) {
      const same = holders.filter((b) => b.level === level);
      if (same.length > 1) {
        problems.push({
          file,
          path: '/memory/sram',
          message: `tensor role "${role}" is held by ${same.length} buffers (${same.map((b) => b.name).join(', ')}) at level ${level}; expected exactly one per level (a buffer further from the compute units takes a higher "level")`,
        });
      }
    }
  }
}

/** Only the level activations live in (the outermost holding inputs and outputs) can host the network's tensors. */
function checkGraphTensors(sram: readonly SramBuffer[], problems: Problem[], file?: string): void {
  const outermost = (role: 'input' | 'output') =>
    sram
      .filter((b) => b.holds.includes(role))
      .reduce<SramBuffer | undefined>((a, b) => (!a || b.level > a.level ? b : a), undefined);
  for (const b of sram.filter((x) => x.graphTensors)) {
    if (outermost('input') !== b || outermost('output') !== b) {
      problems.push({
        file,
        path: `/memory/sram/${b.name}/graphTensors`,
        message: `"${b.name}" must be the outermost level holding both input and output tensors to host the network's input and output`,
      });
    }
  }
}

function buildEnergy(spec: ArchSpec, log: SourceLog, file: string | undefined): Arch['energy'] {
  const e = spec.energy;
  log.note(e?.source, '/energy');
  const table = e ? log.take(e.table, '/energy/table') : DEFAULT_COST_TABLE;
  const staticPowerWatts =
    e?.staticPower === undefined
      ? undefined
      : parseQuantity(log.take(e.staticPower, '/energy/staticPower'), 'watts', file, '/energy/staticPower');
  return {
    table,
    ...(e?.areaTable === undefined ? {} : { areaTable: log.take(e.areaTable, '/energy/areaTable') }),
    staticPowerWatts,
    nocHops: e?.nocHops === undefined ? 1 : log.take(e.nocHops, '/energy/nocHops'),
  };
}
