import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS, schemaFingerprint } from '../../src/config/validate.js';
import { SCHEMA_FILES } from '../../scripts/write-schemas.js';

// Written by `npm run build` (which `npm test` runs first); the CLI validates with these.
const file = join(process.cwd(), 'dist', 'validators.cjs');
const built = createRequire(import.meta.url)(file) as Record<string, ValidateFunction> & {
  fingerprints: Record<string, string>;
};

/** Documents that break the arch and workload schemas in many ways, plus the shipped good ones. */
const documents = [
  ...readdirSync('test/fixtures/bad')
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('test/fixtures/bad', f)),
  ...readdirSync('arch-configs')
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('arch-configs', f)),
  join('workloads', 'mobilenet-v2.json'),
  join('sweeps', 'edge-under-area-budget.json'),
].flatMap((f) => {
  try {
    return [JSON.parse(readFileSync(f, 'utf8')) as unknown];
  } catch {
    return []; // a fixture that is not JSON at all never reaches a validator
  }
});

describe('the validators the build compiles ahead of time', () => {
  it('exist, one per shipped schema, stamped with the fingerprint of the schema as it is now', () => {
    expect(existsSync(file)).toBe(true);
    expect(Object.values(built.fingerprints).sort()).toEqual(SCHEMA_FILES.map((s) => schemaFingerprint(s.schema)).sort());
  });

  it.each(SCHEMA_FILES.map((s) => [s.file, s] as const))(
    '%s: give exactly the errors a validator compiled at run time gives',
    (_, s) => {
      const name = Object.keys(built.fingerprints).find((k) => built.fingerprints[k] === schemaFingerprint(s.schema))!;
      const ahead = built[name];
      const now = new Ajv2020(AJV_OPTIONS).compile(s.schema);
      for (const doc of documents) {
        expect(ahead(doc)).toBe(now(doc));
        expect(JSON.stringify(ahead.errors ?? null)).toBe(JSON.stringify(now.errors ?? null));
      }
    },
  );

  it('a fingerprint changes with the schema', () => {
    const [a, b] = SCHEMA_FILES;
    expect(schemaFingerprint(a.schema)).not.toBe(schemaFingerprint(b.schema));
    expect(schemaFingerprint({ ...a.schema, description: 'x' })).not.toBe(schemaFingerprint(a.schema));
  });
});
