import { SWEEP_METRICS, type SweepMetric } from '../config/schemas/sweep.js';
import { fail } from '../config/user-error.js';
import type { SimResult } from '../sim/result.js';

/** A design point's figures on one workload; area-based ones are null where the run has no area. */
export type Metrics = Readonly<Record<SweepMetric, number | null>>;

/** Metrics where more is better; all others are minimised. */
const MAXIMISED: ReadonlySet<SweepMetric> = new Set(['topsPerWatt', 'topsPerMm2', 'utilization', 'opsPerSecond']);

/** Whether a metric is to be maximised. */
export const maximised = (m: SweepMetric): boolean => MAXIMISED.has(m);

/** The unit a metric is shown in (for axes and tables). */
export const METRIC_UNITS: Readonly<Record<SweepMetric, string>> = {
  seconds: 's',
  cycles: 'cycles',
  energyJoules: 'J',
  averagePowerWatts: 'W',
  dramBytes: 'B',
  utilization: '',
  opsPerSecond: 'op/s',
  topsPerWatt: 'TOPS/W',
  areaMm2: 'mm²',
  topsPerMm2: 'TOPS/mm²',
  edp: 'J·s',
  energyArea: 'J·mm²',
};

/** The figures of one run. */
export function metricsOf(r: SimResult): Metrics {
  const t = r.totals;
  const area = t.areaMm2 ?? null;
  const tops = t.opsPerSecond / 1e12;
  return {
    seconds: t.seconds,
    cycles: t.cycles,
    energyJoules: t.energyJoules,
    averagePowerWatts: t.averagePowerWatts,
    dramBytes: t.dramBytes.read + t.dramBytes.write,
    utilization: t.utilization,
    opsPerSecond: t.opsPerSecond,
    topsPerWatt: t.opsPerWatt / 1e12,
    areaMm2: area,
    topsPerMm2: area ? tops / area : null,
    edp: t.edpJouleSeconds,
    energyArea: t.energyAreaJouleMm2 ?? null,
  };
}

/** A metric name from a sweep file, checked: an unknown one fails naming its JSON path. */
export function metricNamed(name: string, file: string, at: string): SweepMetric {
  if ((SWEEP_METRICS as readonly string[]).includes(name)) return name as SweepMetric;
  return fail(file, at, `unknown metric "${name}"; expected one of ${SWEEP_METRICS.join(', ')}`);
}
