import type { SimResult } from '../sim/result.js';

/**
 * Serialises a result document. Refuses NaN and ±Infinity (JSON would silently turn them into
 * null): a number the simulator prints must be a real number from the model.
 */
export function resultJson(result: SimResult): string {
  return (
    JSON.stringify(
      result,
      (key, value) => {
        if (typeof value === 'number' && !Number.isFinite(value)) {
          throw new Error(`result field "${key}" is ${value}: a model bug, not a number to print`);
        }
        return value;
      },
      2,
    ) + '\n'
  );
}
