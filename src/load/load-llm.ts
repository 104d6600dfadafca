import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { canonicalJson } from '../config/canonical-json.js';
import { join } from 'node:path';
import { workloadDir } from '../config/paths.js';
import { readJson } from '../config/read-json.js';
import { LlmSpec } from '../config/schemas/llm.js';
import { validateAgainst } from '../config/validate.js';
import { resolveLlm, type LlmModel } from '../workload/llm-config.js';

/** Folder of built-in language models (decoder-only transformer configs). */
export const llmDir = () => join(workloadDir(), 'llm');

/** Names of the built-in language models. */
export function listLlms(): string[] {
  return readdirSync(llmDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** True when `ref` names a built-in language model or a JSON file that describes one (a `transformer` object). */
export function isLlmRef(ref: string): boolean {
  if (!ref.includes('/') && !ref.includes('\\') && !ref.endsWith('.json')) return existsSync(join(llmDir(), `${ref}.json`));
  if (!ref.toLowerCase().endsWith('.json') || !existsSync(ref)) return false;
  // A quiet look: a file that does not parse is the workload loader's to report (once).
  try {
    const doc = JSON.parse(readFileSync(ref, 'utf8')) as unknown;
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'transformer' in doc;
  } catch {
    return false;
  }
}

/** Loads a language model: a built-in name (`workloads/llm/<name>.json`) or a model file, checked against its schema. */
export function loadLlm(ref: string): LlmModel {
  const builtin = join(llmDir(), `${ref}.json`);
  const file = !ref.includes('/') && !ref.includes('\\') && existsSync(builtin) ? builtin : ref;
  const spec = validateAgainst<LlmSpec>(LlmSpec, readJson(file), file);
  return { ...resolveLlm(spec, file), sha256: createHash('sha256').update(canonicalJson(spec)).digest('hex') };
}
