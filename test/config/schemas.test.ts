import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { projectRoot } from '../../src/config/paths.js';
import { resolveExtends } from '../../src/config/resolve-extends.js';
import { DRAFT_2020_12, SCHEMA_FILES, schemaText } from '../../scripts/write-schemas.js';

const root = projectRoot();
const schemaPath = (file: string) => join(root, 'schemas', file);
const committed = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(schemaPath(file), 'utf8')) as Record<string, unknown>;
const jsonFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));

/** A validator compiled from a committed schema file by a fresh ajv, as an outside tool would. */
function validatorFor(file: string) {
  const ajv = new Ajv2020({ strict: false, discriminator: true, allErrors: true });
  return ajv.compile(committed(file));
}

describe('shipped JSON Schemas', () => {
  it.each(SCHEMA_FILES.map((s) => [s.file, s] as const))(
    '%s equals what the TypeBox object produces (run `npm run schemas`)',
    (file, s) => {
      expect(readFileSync(schemaPath(file), 'utf8')).toBe(schemaText(s));
    },
  );

  it.each(SCHEMA_FILES.map((s) => [s.file] as const))('%s is a draft 2020-12 schema with $id and title', (file) => {
    const doc = committed(file);
    expect(doc.$schema).toBe(DRAFT_2020_12);
    expect(typeof doc.$id).toBe('string');
    expect(typeof doc.title).toBe('string');
    expect(Object.keys(doc).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
  });

  it('writes the same text twice (stable key order)', () => {
    for (const s of SCHEMA_FILES) expect(schemaText(s)).toBe(schemaText(s));
  });

  const cases: [string, string][] = [
    ...jsonFiles('arch-configs').map((f): [string, string] => [f, 'arch.schema.json']),
    ...jsonFiles('arch-configs/tech').map((f): [string, string] => [f, 'cost-table.schema.json']),
    ...jsonFiles('workloads').map((f): [string, string] => [f, 'workload.schema.json']),
    ...jsonFiles('sweeps').map((f): [string, string] => [f, 'sweep.schema.json']),
    ...jsonFiles('arch-configs/devices').map((f): [string, string] => [f, 'device.schema.json']),
    ...jsonFiles('arch-configs/links').map((f): [string, string] => [f, 'link.schema.json']),
    ...jsonFiles('docs/deploy').map((f): [string, string] => [f, 'deploy-plan.schema.json']),
    ...jsonFiles('workloads/llm').map((f): [string, string] => [f, 'llm.schema.json']),
  ];

  it('finds the presets, cost tables and built-in workloads', () => {
    expect(cases.filter(([, s]) => s === 'arch.schema.json').length).toBeGreaterThanOrEqual(5);
    expect(cases.filter(([, s]) => s === 'cost-table.schema.json').length).toBeGreaterThanOrEqual(1);
    expect(cases.filter(([, s]) => s === 'workload.schema.json').length).toBeGreaterThanOrEqual(7);
    expect(cases.filter(([, s]) => s === 'llm.schema.json').length).toBeGreaterThanOrEqual(3);
  });

  const validators = new Map(SCHEMA_FILES.map((s) => [s.file, validatorFor(s.file)]));

  it.each(cases)('%s validates against schemas/%s', (file, schema) => {
    const { data } = resolveExtends(
      join(root, file),
      join(root, file.startsWith('workloads') ? 'workloads' : file.includes('tech') ? 'arch-configs/tech' : 'arch-configs'),
    );
    const validate = validators.get(schema)!;
    const ok = validate(data);
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('each document names the schema it is checked against', () => {
    for (const [file, schema] of cases) {
      const doc = JSON.parse(readFileSync(join(root, file), 'utf8')) as { $schema?: string };
      if (doc.$schema !== undefined) expect(doc.$schema.endsWith(`schemas/${schema}`)).toBe(true);
    }
  });

  it('rejects what the loader rejects: an unknown field, a wrong type, an unknown layer type', () => {
    const fixture = (name: string) => resolveExtends(join(root, 'test/fixtures/bad', name), join(root, 'arch-configs')).data;
    const arch = validators.get('arch.schema.json')!;
    expect(arch(fixture('typo-bandwith.json'))).toBe(false);
    expect(arch.errors?.some((e) => e.keyword === 'additionalProperties' && e.instancePath === '/memory/dram')).toBe(true);
    expect(arch(fixture('rows-string.json'))).toBe(false);
    const workload = validators.get('workload.schema.json')!;
    const bad = resolveExtends(join(root, 'test/fixtures/bad/unknown-layer-type.json'), join(root, 'workloads')).data;
    expect(workload(bad)).toBe(false);
  });
});
