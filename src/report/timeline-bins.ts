import type { TimelineInterval, TimelineKind } from './timeline-intervals.js';

/** For each kind of bar, the share (0–1) of each time bin it covers. */
export type BinShares = Readonly<Record<TimelineKind, Float64Array>>;

/**
 * Spreads the bars over `bins` equal time bins from cycle 0 to `endCycle`: each bin gets, per
 * kind, the share of its time that kind covers. Bars of one kind must not overlap (as
 * `timelineIntervals` returns them), so shares never exceed 1.
 */
export function binShares(bars: readonly TimelineInterval[], endCycle: number, bins: number): BinShares {
  const kinds: TimelineKind[] = ['load', 'store', 'transfer', 'compute', 'stall'];
  const out = Object.fromEntries(kinds.map((k) => [k, new Float64Array(bins)])) as Record<TimelineKind, Float64Array>;
  const width = endCycle / bins;
  for (const b of bars) {
    const share = out[b.kind];
    const first = Math.max(0, Math.floor(b.startCycle / width));
    const last = Math.min(bins - 1, Math.ceil(b.endCycle / width) - 1);
    for (let i = first; i <= last; i++) {
      const covered = Math.min(b.endCycle, (i + 1) * width) - Math.max(b.startCycle, i * width);
      if (covered > 0) share[i] = Math.min(1, share[i] + covered / width);
    }
  }
  return out;
}

/** A run of consecutive bins drawn alike: bins [first, last], and the px height of each stacked part. */
export interface BinRun {
  readonly first: number;
  readonly last: number;
  readonly heights: readonly number[];
}

/**
 * Stacks the shares of `parts` in each bin into whole-pixel heights of a lane `laneHeight` px tall
 * (scaled down when together they exceed it), and joins neighbouring bins that look the same.
 */
export function stackRuns(parts: readonly Float64Array[], laneHeight: number): BinRun[] {
  const bins = parts[0]?.length ?? 0;
  const runs: BinRun[] = [];
  for (let i = 0; i < bins; i++) {
    const shares = parts.map((p) => p[i]);
    const sum = shares.reduce((s, v) => s + v, 0);
    const scale = sum > 1 ? 1 / sum : 1;
    const heights = shares.map((v) => Math.round(v * scale * laneHeight));
    if (heights.every((h) => h === 0)) continue;
    const prev = runs[runs.length - 1];
    if (prev && prev.last === i - 1 && prev.heights.every((h, k) => h === heights[k]))
      runs[runs.length - 1] = { ...prev, last: i };
    else runs.push({ first: i, last: i, heights });
  }
  return runs;
}
