import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { presetDir, workloadDir } from './paths.js';
import { readJson } from './read-json.js';
import { fail } from './user-error.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A document with its `extends` chain merged in, and the files it came from (child first). */
export interface ResolvedDocument {
  readonly data: JsonObject;
  readonly files: readonly string[];
}

/**
 * Reads `file` and merges the documents it `extends` (a built-in name looked up in `builtinDir`,
 * or a path relative to the file). Objects merge key by key, the child winning; arrays and scalars
 * are replaced whole; `null` in the child deletes the inherited key.
 */
export function resolveExtends(file: string, builtinDir: string, chain: readonly string[] = []): ResolvedDocument {
  const path = resolve(file);
  if (chain.includes(path)) {
    // Reported in the file whose "extends" closes the loop, with paths as the user would type them.
    const closer = chain[chain.length - 1];
    return fail(
      shortPath(closer),
      '/extends',
      `"extends" forms a cycle: ${[...chain, path].map(shortPath).join(' → ')}; expected a chain that ends at a document without "extends"`,
    );
  }
  const data = readJson(path);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, '', 'expected a JSON object at the top level');
  }
  const doc = data as JsonObject;
  const parentRef = doc.extends;
  if (parentRef === undefined) return { data: doc, files: [path] };
  if (typeof parentRef !== 'string' || parentRef === '') {
    return fail(file, '/extends', `expected a preset name or a relative path, got ${JSON.stringify(parentRef)}`);
  }
  const parentFile = locate(parentRef, dirname(path), builtinDir, file);
  const parent = resolveExtends(parentFile, builtinDir, [...chain, path]);
  const { extends: _drop, ...own } = doc;
  const merged = deepMerge(parent.data, own);
  delete merged.extends;
  return { data: merged, files: [path, ...parent.files] };
}

/**
 * A document given as an object (not a file) with its `extends` chain merged in: `extends` names a
 * built-in in `builtinDir` or a path relative to `baseDir`. `origin` names the object in messages.
 */
export function resolveExtendsOf(doc: JsonObject, builtinDir: string, baseDir: string, origin: string): ResolvedDocument {
  const parentRef = doc.extends;
  if (parentRef === undefined) return { data: doc, files: [] };
  if (typeof parentRef !== 'string' || parentRef === '') {
    return fail(origin, '/extends', `expected a preset name or a relative path, got ${JSON.stringify(parentRef)}`);
  }
  const parent = resolveExtends(locate(parentRef, baseDir, builtinDir, origin), builtinDir);
  const { extends: _drop, ...own } = doc;
  const merged = deepMerge(parent.data, own);
  delete merged.extends;
  return { data: merged, files: parent.files };
}

/** A path relative to the working directory when it lies below it, else as given. */
function shortPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
}

function locate(ref: string, baseDir: string, builtinDir: string, file: string): string {
  const looksLikePath = ref.includes('/') || ref.includes('\\') || ref.endsWith('.json');
  const kind = kindOfDir(builtinDir);
  if (looksLikePath) {
    const p = isAbsolute(ref) ? ref : join(baseDir, ref);
    if (!existsSync(p)) return fail(file, '/extends', `extended file "${ref}" not found (looked at ${p})`);
    if (statSync(p).isDirectory())
      return fail(file, '/extends', `"${ref}" is a folder; expected ${an(kind)} JSON file to extend`);
    const theirs = kindOfDocument(readJson(p));
    if (theirs && theirs !== kind)
      return fail(file, '/extends', `"${ref}" is ${an(theirs)}; ${an(kind)} can only extend ${an(kind)}`);
    return p;
  }
  const builtin = join(builtinDir, `${ref}.json`);
  if (!existsSync(builtin)) {
    const local = join(baseDir, ref);
    if (existsSync(local) && statSync(local).isDirectory())
      return fail(file, '/extends', `"${ref}" is a folder; expected a preset name or ${an(kind)} JSON file to extend`);
    const elsewhere = BUILTIN_KINDS.find(([, dir]) => dir() !== builtinDir && existsSync(join(dir(), `${ref}.json`)));
    if (elsewhere)
      return fail(file, '/extends', `"${ref}" is a built-in ${elsewhere[0]}; ${an(kind)} can only extend ${an(kind)}`);
    const noun = kind === 'arch' ? 'preset' : `built-in ${kind}`;
    return fail(file, '/extends', `unknown ${noun} "${ref}"; known: ${listBuiltins(builtinDir).join(', ')}`);
  }
  return builtin;
}

/** The folders of built-in documents, by what they hold. */
const BUILTIN_KINDS: readonly [string, () => string][] = [
  ['arch', presetDir],
  ['workload', workloadDir],
  ['cost table', () => join(presetDir(), 'tech')],
];

const an = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

const kindOfDir = (dir: string): string => BUILTIN_KINDS.find(([, d]) => d() === dir)?.[0] ?? 'document';

/** What a parsed document is, from its telltale fields (undefined when it does not say). */
function kindOfDocument(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  if ('layers' in d || 'inputs' in d) return 'workload';
  if ('compute' in d || 'clock' in d) return 'arch';
  if ('mac' in d || 'sram' in d) return 'cost table';
  return undefined;
}

/** Names of the built-in documents in a folder (file names without .json). */
export function listBuiltins(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
}

/** Child fields override parent fields; nested objects merge (except {value, source} pairs); `null` deletes. */
export function deepMerge(parent: JsonObject, child: JsonObject): JsonObject {
  const out: JsonObject = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    const base = out[key];
    if (value === null) delete out[key];
    // A {value, source} pair is one fact: overriding the value must not keep the old source.
    else if (isObject(value) && isObject(base) && !('value' in value)) out[key] = deepMerge(base, value);
    else out[key] = value;
  }
  return out;
}

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
