/**
 * Writes the shipped JSON Schemas (`schemas/*.schema.json`) from the TypeBox objects the loader
 * validates with, so editors and other tools see exactly the rules picojoule applies.
 *
 * Run with `npm run schemas` (builds, then runs dist/scripts/write-schemas.js). The files are
 * committed; test/spec/schemas.test.ts fails when they drift from the TypeBox objects.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { projectRoot } from '../src/config/paths.js';
import { ArchSpec } from '../src/config/schemas/arch.js';
import { WorkloadSpec } from '../src/config/schemas/workload.js';
import { CostTableSpec } from '../src/config/schemas/cost-table.js';
import { AreaTableSpec } from '../src/config/schemas/area-table.js';
import { SweepSpec } from '../src/config/schemas/sweep.js';
import { DeviceSpec, LinkSpec } from '../src/config/schemas/device.js';
import { DeployPlanSpec } from '../src/config/schemas/deploy-plan.js';
import { LlmSpec } from '../src/config/schemas/llm.js';

/** One shipped schema: its file name under schemas/, title, and the TypeBox object it comes from. */
interface SchemaFile {
  readonly file: string;
  readonly title: string;
  readonly schema: TSchema;
}

export const SCHEMA_FILES: readonly SchemaFile[] = [
  { file: 'arch.schema.json', title: 'picojoule architecture', schema: ArchSpec },
  { file: 'workload.schema.json', title: 'picojoule workload (layer graph)', schema: WorkloadSpec },
  { file: 'cost-table.schema.json', title: 'picojoule energy cost table', schema: CostTableSpec },
  { file: 'area-table.schema.json', title: 'picojoule area table', schema: AreaTableSpec },
  { file: 'sweep.schema.json', title: 'picojoule design-space sweep', schema: SweepSpec },
  { file: 'device.schema.json', title: 'picojoule roofline device', schema: DeviceSpec },
  { file: 'link.schema.json', title: 'picojoule network link', schema: LinkSpec },
  { file: 'deploy-plan.schema.json', title: 'picojoule deploy plan (edge-first, cloud fallback)', schema: DeployPlanSpec },
  { file: 'llm.schema.json', title: 'picojoule language model (decoder-only transformer)', schema: LlmSpec },
];

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Keys whose value maps user-chosen names to schemas: their order is the declaration order. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Keywords first in this order (what a reader looks for first), then any others alphabetically. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'discriminator',
  'oneOf',
  'anyOf',
  'allOf',
  'properties',
  'patternProperties',
  'required',
  'additionalProperties',
  'prefixItems',
  'items',
];

function keywordRank(key: string): [number, string] {
  const i = KEYWORD_ORDER.indexOf(key);
  return [i === -1 ? KEYWORD_ORDER.length : i, key];
}

/**
 * A plain-JSON copy of a schema with a stable key order: schema keywords in KEYWORD_ORDER then
 * alphabetically, property names as declared. TypeBox's symbol keys are dropped.
 */
export function canonical(value: unknown, nameMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!nameMap) {
    entries.sort(([a], [b]) => {
      const [ra, ka] = keywordRank(a);
      const [rb, kb] = keywordRank(b);
      return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0);
    });
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    if (v === undefined) continue;
    out[key] = nameMap ? canonical(v) : canonical(v, NAME_MAPS.has(key));
  }
  return out;
}

/** The text of one shipped schema file: draft 2020-12 header, pretty-printed, newline at the end. */
export function schemaText(s: SchemaFile): string {
  const doc = canonical({
    $schema: DRAFT_2020_12,
    $id: `urn:picojoule:schemas:${s.file}`,
    title: s.title,
    ...(s.schema as object),
  });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Writes every schema file into `dir` (default: the package's schemas/ folder); returns their paths. */
export function writeSchemas(dir = join(projectRoot(), 'schemas')): string[] {
  mkdirSync(dir, { recursive: true });
  return SCHEMA_FILES.map((s) => {
    const path = join(dir, s.file);
    writeFileSync(path, schemaText(s));
    return path;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const path of writeSchemas()) process.stdout.write(`wrote ${path}\n`);
}
