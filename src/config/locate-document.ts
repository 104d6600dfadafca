import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listBuiltins } from './resolve-extends.js';
import { fail } from './user-error.js';

/** Turns a reference (built-in name or path) into a file path, or fails naming the known names. */
export function locateDocument(ref: string, builtinDir: string, noun: string, flag: string): string {
  if (ref.endsWith('.json') || ref.includes('/') || ref.includes('\\')) {
    if (!existsSync(ref)) fail(ref, undefined, 'file not found');
    return ref;
  }
  const builtin = join(builtinDir, `${ref}.json`);
  if (existsSync(builtin)) return builtin;
  if (existsSync(ref)) return ref;
  return fail(
    flag,
    undefined,
    `unknown ${noun} "${ref}"; known: ${listBuiltins(builtinDir).join(', ')} (or give a path to a .json file)`,
  );
}
