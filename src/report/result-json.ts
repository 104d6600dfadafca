import type { SimResult } from '../sim/result.js';

/** Significant digits a fraction keeps in a result file: float noise (0.00009999999999999999) goes, the model's precision stays. */
export const RESULT_DIGITS = 12;

/** A number as result files write it: an integer exactly, any other to RESULT_DIGITS significant digits. */
export const stableNumber = (n: number): number => (Number.isInteger(n) ? n : Number(n.toPrecision(RESULT_DIGITS)));

/**
 * Serialises a result document. Refuses NaN and ±Infinity (JSON would silently turn them into
 * null): a number the simulator prints must be a real number from the model. Integers (counts,
 * cycles, bytes) print exactly; other numbers to RESULT_DIGITS significant digits.
 */
export function resultJson(result: SimResult): string {
  return (
    JSON.stringify(
      result,
      (key, value) => {
        if (typeof value !== 'number') return value;
        if (!Number.isFinite(value)) throw new Error(`result field "${key}" is ${value}: a model bug, not a number to print`);
        return stableNumber(value);
      },
      2,
    ) + '\n'
  );
}
