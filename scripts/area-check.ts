/**
 * Compares the area model with published dies (reference/area/published-dies.json) and prints
 * the error table that docs/area.md shows. test/area/published-dies.test.ts checks the same rows.
 *
 * Run with `npm run build && node dist/scripts/area-check.js`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archArea } from '../src/sim/arch-area.js';
import { areaTableOf } from '../src/area/resolve-area-table.js';
import { projectRoot } from '../src/config/paths.js';
import { costTableNamed } from '../src/energy/resolve-cost-table.js';
import type { Arch, SystolicArray } from '../src/hardware/arch.js';
import { loadArch } from '../src/load/load-arch.js';

/** One published figure and the architecture it is compared with. */
export interface PublishedDie {
  readonly name: string;
  readonly arch: string;
  readonly parts?: readonly string[];
  readonly logicOnly?: boolean;
  readonly resize?: { readonly cmac: readonly [number, number]; readonly cbufBytes: number };
  readonly publishedMm2: number;
  readonly what: string;
  readonly source: string;
  readonly status: string;
  readonly modelMm2: number;
}

export const referenceDir = (): string => join(projectRoot(), 'reference', 'area');

export const publishedDies = (): PublishedDie[] =>
  (JSON.parse(readFileSync(join(referenceDir(), 'published-dies.json'), 'utf8')) as { dies: PublishedDie[] }).dies;

/** The arch of a row: a preset or a file in reference/area, resized as the row says (NVDLA's configurations). */
function archOf(die: PublishedDie): Arch {
  const arch = loadArch(die.arch.endsWith('.json') ? join(referenceDir(), die.arch) : die.arch);
  const r = die.resize;
  if (!r) return arch;
  return {
    ...arch,
    units: arch.units.map((u) =>
      u.kind === 'systolic-array' ? { ...(u as SystolicArray), rows: r.cmac[0], cols: r.cmac[1] } : u,
    ),
    sram: arch.sram.map((b) => ({ ...b, bytes: r.cbufBytes })),
  };
}

/** What the model gives for a row, in mm². */
export function modelMm2(die: PublishedDie): number {
  const arch = archOf(die);
  const table = areaTableOf(arch.energy.areaTable, arch.origin, costTableNamed(arch.energy.table, arch.origin))!;
  const { areaMm2, areaBreakdownMm2 } = archArea(arch, table);
  if (!die.parts) return areaMm2;
  const sum = die.parts.reduce((s, k) => s + (areaBreakdownMm2[k] ?? 0), 0);
  return die.logicOnly ? sum / table.logicUtilisation : sum;
}

/** The table docs/area.md shows. */
export function errorTable(): string {
  const rows = publishedDies().map((d) => {
    const m = modelMm2(d);
    const err = (m / d.publishedMm2 - 1) * 100;
    return `| ${d.name} | ${d.what} | ${d.publishedMm2} | ${d.status} | ${m.toPrecision(3)} | ${err >= 0 ? '+' : ''}${err.toFixed(0)} % |`;
  });
  return [
    '| Die | What is compared | Published (mm²) | Status | Model (mm²) | Error |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.stdout.write(`${errorTable()}\n`);
}
