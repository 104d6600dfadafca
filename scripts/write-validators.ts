/**
 * Part of `npm run build`: compiles the validators of the shipped schemas ahead of time (ajv's
 * standalone code) into `dist/validators.cjs`, so a CLI run does not spend ~0.7 s compiling them
 * on every start. Each validator carries the fingerprint of the schema it was made from;
 * `src/config/validate.ts` uses it only for a schema with the same fingerprint (a schema grown by a
 * newly registered component kind is compiled at run time, as before).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { projectRoot } from '../src/config/paths.js';
import { AJV_OPTIONS, schemaFingerprint } from '../src/config/validate.js';
import { SCHEMA_FILES } from './write-schemas.js';

export const VALIDATORS_FILE = join(projectRoot(), 'dist', 'validators.cjs');

function main(): void {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  const exports: Record<string, string> = {};
  const fingerprints: Record<string, string> = {};
  SCHEMA_FILES.forEach((s, i) => {
    const id = `v${i}`;
    ajv.addSchema(s.schema, id);
    exports[id] = id;
    fingerprints[id] = schemaFingerprint(s.schema);
  });
  // ajv's CommonJS module: the default import is the function itself.
  const generate = standaloneCode as unknown as (instance: Ajv2020, refs: Record<string, string>) => string;
  const code = generate(ajv, exports);
  writeFileSync(VALIDATORS_FILE, `${code}\nmodule.exports.fingerprints = ${JSON.stringify(fingerprints)};\n`);
  console.log(`wrote ${VALIDATORS_FILE} (${SCHEMA_FILES.length} validators, ${Math.round(code.length / 1024)} KiB)`);
}

main();
