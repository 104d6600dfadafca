/** `global.gc`, present when Node runs with `--expose-gc`. */
export const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/**
 * V8 heap bytes in use after `fn` ran and garbage was collected, with `fn`'s result still alive
 * (so it counts what a run keeps, not what it churned through). Undefined without `--expose-gc`.
 */
export function heapAfter(fn: () => unknown): number | undefined {
  const gc = collectGarbage;
  if (!gc) return undefined;
  gc();
  const kept = fn();
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed;
  if (kept === Symbol.for('never')) return -1; // keeps `kept` alive until after the measurement
  return bytes;
}

/** Peak resident set size of this process so far, bytes. */
export const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;
