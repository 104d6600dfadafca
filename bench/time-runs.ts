/** Wall-clock statistics of one repeatedly timed call. */
export interface TimingStats {
  /** Timed calls (after warm-up). */
  readonly reps: number;
  /** Median wall time of one call, milliseconds. */
  readonly medianMs: number;
  /** Fastest call, milliseconds. */
  readonly minMs: number;
  /** Wall time of all timed calls together, seconds. */
  readonly totalSeconds: number;
}

/** How long to warm up and to measure. */
export interface TimingOptions {
  /** Keep timing until this many seconds of calls have run. */
  readonly minSeconds: number;
  /** ...and at least this many calls. Default 10. */
  readonly minReps?: number;
  /** Untimed calls first, for this long (lets V8 optimise the hot code). Default 0.1 s. */
  readonly warmupSeconds?: number;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `fn` until the clock passes `seconds` (and at least `reps` times); returns each call's ms. */
function repeat(fn: () => unknown, seconds: number, reps: number): number[] {
  const times: number[] = [];
  const end = nowMs() + seconds * 1000;
  let sink: unknown;
  while (times.length < reps || nowMs() < end) {
    const t0 = nowMs();
    sink = fn();
    times.push(nowMs() - t0);
  }
  if (sink === Symbol.for('never')) times.push(0); // keeps the result observably used
  return times;
}

/** Warms `fn` up, then times calls one by one and reports their median (robust to GC pauses). */
export function timeRuns(fn: () => unknown, options: TimingOptions): TimingStats {
  repeat(fn, options.warmupSeconds ?? 0.1, 3);
  const times = repeat(fn, options.minSeconds, options.minReps ?? 10).sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { reps: times.length, medianMs, minMs: times[0], totalSeconds: times.reduce((s, t) => s + t, 0) / 1000 };
}
