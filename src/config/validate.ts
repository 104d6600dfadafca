import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { TSchema } from '@sinclair/typebox';
import { UserError, type Problem } from './user-error.js';

/** The validator options, shared with the build step that compiles the shipped schemas ahead of time. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, discriminator: true, strict: false } as const;

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Checks `data` against `schema`; throws one UserError listing every problem with its JSON path. */
export function validateAgainst<T>(schema: TSchema, data: unknown, file: string | undefined): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = precompiled(schema) ?? (ajv ??= new Ajv2020(AJV_OPTIONS)).compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) throw new UserError(describeErrors(validate.errors ?? [], file));
  return data as T;
}

/** Turns ajv's raw errors into one readable problem per place, hiding the noise of union branches. */
export function describeErrors(errors: readonly ErrorObject[], file: string | undefined): Problem[] {
  // A failed anyOf (value forms such as 42 | "8 MiB" | {value, source}) is reported once, by its
  // description; its branches' own complaints at the same place are dropped.
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const insideUnion = (e: ErrorObject) =>
    unions.some(
      (u) =>
        u !== e &&
        e.schemaPath.startsWith(u.schemaPath.replace(/\/anyOf$/, '/anyOf/')) &&
        e.instancePath.startsWith(u.instancePath),
    );
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors) {
    if (insideUnion(e) || e.keyword === 'if') continue;
    const p = e.keyword === 'anyOf' ? describeUnion(e, errors, file) : describe(e, file);
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}

/**
 * A value that matched none of a union's forms: the union's description, then what its branches
 * require of a value of this type (`must be >= 1`), or else the types it accepts.
 */
function describeUnion(u: ErrorObject, errors: readonly ErrorObject[], file: string | undefined): Problem {
  const prefix = u.schemaPath.replace(/\/anyOf$/, '/anyOf/');
  // An object that took the object form but got something inside it wrong: name that field.
  if (u.data !== null && typeof u.data === 'object') {
    const inside = errors.filter((e) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(`${u.instancePath}/`));
    const pick = inside.find((e) => e.keyword === 'anyOf') ?? inside.find((e) => e.keyword !== 'type') ?? inside[0];
    if (pick) return pick.keyword === 'anyOf' ? describeUnion(pick, errors, file) : describe(pick, file);
  }
  const branches = errors.filter((e) => e !== u && e.instancePath === u.instancePath && e.schemaPath.startsWith(prefix));
  const choices = branches.some((e) => e.keyword === 'const' || e.keyword === 'enum'); // the description lists them
  const constraints = unique(
    branches.filter((e) => !['type', 'anyOf', 'oneOf', 'const', 'enum'].includes(e.keyword)).map((e) => e.message ?? ''),
  );
  const types = choices ? [] : unique(branches.filter((e) => e.keyword === 'type').map(typeName));
  const base = describe(u, file);
  const hint = constraints.length ? constraints.join(', ') : types.length ? `a value of type ${types.join(' or ')}` : '';
  return hint ? { ...base, message: base.message.replace(/(, got .*)?$/, (got) => ` (${hint})${got}`) } : base;
}

/** The type a union branch wanted; a {value, source} pair is named by its fields. */
function typeName(e: ErrorObject): string {
  const type = String((e.params as { type: unknown }).type);
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return type === 'object' && props && 'value' in props && 'source' in props ? '{"value", "source"}' : type;
}

const unique = (xs: readonly string[]) => [...new Set(xs.filter(Boolean))];

function describe(e: ErrorObject, file: string | undefined): Problem {
  const path = e.instancePath;
  const got = e.data === undefined ? '' : `, got ${preview(e.data)}`;
  const parent = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(parent?.properties ?? {});
      const hint = closest(key, allowed);
      return {
        file,
        path: `${path}/${key}`,
        message: `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
      };
    }
    case 'required':
      return {
        file,
        path: `${path}/${(e.params as { missingProperty: string }).missingProperty}`,
        message: 'required field is missing',
      };
    case 'anyOf':
    case 'oneOf':
      return { file, path, message: `expected ${parent?.description ?? 'one of the allowed forms'}${got}` };
    case 'discriminator': {
      const tag = (e.params as { tag: string }).tag;
      const options = ((parent as { oneOf?: { properties?: Record<string, { const?: string }> }[] })?.oneOf ?? [])
        .map((b) => b.properties?.[tag]?.const)
        .filter(Boolean);
      return {
        file,
        path: `${path}/${tag}`,
        message: `"${tag}" must be one of: ${options.join(', ')}${got ? `; got ${preview((e.data as Record<string, unknown>)?.[tag])}` : ''}`,
      };
    }
    case 'const':
      return { file, path, message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}${got}` };
    case 'enum':
      return {
        file,
        path,
        message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}${got}`,
      };
    default: {
      const what = parent?.description ? ` (${parent.description})` : '';
      return { file, path, message: `${e.message ?? 'is invalid'}${what}${got}` };
    }
  }
}

function preview(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The allowed key nearest to a typo, if it is near enough to be a likely intent. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const a of allowed) {
    const d = editDistance(key.toLowerCase(), a.toLowerCase());
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * A fingerprint of a schema's content (FNV-1a over its JSON): the build stamps each precompiled
 * validator with it, and one is used only for a schema with the same fingerprint.
 */
export function schemaFingerprint(schema: TSchema): string {
  const text = JSON.stringify(schema);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${h.toString(36)}`;
}

export interface PrecompiledModule {
  readonly fingerprints: Readonly<Record<string, string>>;
  readonly [name: string]: unknown;
}

let ahead: Map<string, ValidateFunction> | null | undefined;

/** Gives the validators the build compiled (the CLI's bundle carries them inside). */
export function usePrecompiledValidators(mod: PrecompiledModule): void {
  ahead = byFingerprint(mod);
}

const byFingerprint = (mod: PrecompiledModule) =>
  new Map(Object.entries(mod.fingerprints).map(([name, fp]) => [fp, mod[name] as ValidateFunction]));

/**
 * The validator the build compiled for this schema (`dist/validators.cjs`, beside the compiled
 * code), if there is one for exactly this content. Outside the build (tests run the sources) there
 * is none, and schemas are compiled at first use.
 */
function precompiled(schema: TSchema): ValidateFunction | undefined {
  if (ahead === undefined) ahead = loadPrecompiled();
  return ahead?.get(schemaFingerprint(schema));
}

function loadPrecompiled(): Map<string, ValidateFunction> | null {
  // Looked up at run time, so that nothing here imports a `node:` module (a browser bundle has none).
  const node = globalThis.process?.getBuiltinModule?.('node:module');
  if (!node || !import.meta.url.endsWith('/dist/src/config/validate.js')) return null;
  let mod: PrecompiledModule;
  try {
    mod = node.createRequire(import.meta.url)('../../validators.cjs') as PrecompiledModule;
  } catch (err) {
    // A build by tsc alone has none; anything else (a damaged file) is a real error.
    if ((err as { code?: string }).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
  return byFingerprint(mod);
}
