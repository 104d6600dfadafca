import type { SweepRangeSpec } from '../config/schemas/sweep.js';
import { fail } from '../config/user-error.js';

/** A JSON pointer written as one key of another JSON pointer (for error paths). */
export const escapePointer = (pointer: string): string => pointer.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The values of one parameter: a list as given, or a range expanded to `steps` values from
 * `from` to `to`, evenly spaced or geometric, rounded to whole numbers when both ends are.
 */
export function expandValues(values: readonly unknown[] | SweepRangeSpec, file: string, at: string): readonly unknown[] {
  if (Array.isArray(values)) return values;
  const r = values as SweepRangeSpec;
  if (!Number.isInteger(r.steps) || r.steps < 1) fail(file, `${at}/steps`, `a range needs at least 1 step; got ${r.steps}`);
  const log = r.scale === 'log';
  if (log && (r.from <= 0 || r.to <= 0)) fail(file, at, `a log range needs from and to > 0; got ${r.from} and ${r.to}`);
  const integer = r.integer ?? (Number.isInteger(r.from) && Number.isInteger(r.to));
  const out: number[] = [];
  for (let i = 0; i < r.steps; i++) {
    const t = r.steps === 1 ? 0 : i / (r.steps - 1);
    const v = log ? r.from * (r.to / r.from) ** t : r.from + (r.to - r.from) * t;
    // Ends exactly as written, whatever the rounding in between.
    const exact = i === 0 ? r.from : i === r.steps - 1 ? r.to : v;
    out.push(integer ? Math.round(exact) : Number(exact.toPrecision(12)));
  }
  const unique = [...new Set(out)];
  if (unique.length < out.length) {
    fail(file, at, `the range gives repeated values once rounded (${out.join(', ')}); use fewer steps or "integer": false`);
  }
  return unique;
}
