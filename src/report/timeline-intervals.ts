import type { SimResult } from '../sim/result.js';
import type { TraceEvent } from './trace-recorder.js';

/** What a bar of the timeline shows; `transfer` is DRAM traffic placed by estimate (no trace). */
export type TimelineKind = 'load' | 'store' | 'transfer' | 'compute' | 'stall';

/** One bar of the timeline, in cycles: on the DRAM lane (transfers) or the compute lane (compute, stalls). */
export interface TimelineInterval {
  readonly layer: number;
  readonly lane: 'dram' | 'compute';
  readonly kind: TimelineKind;
  readonly startCycle: number;
  readonly endCycle: number;
}

type Span = [number, number];

/** Sorts spans and joins those that overlap or lie within `gap` cycles of each other. */
export function mergeSpans(spans: readonly Span[], gap = 0): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + gap) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The bars of a run's timeline. With a trace: its loads, stores and compute runs, joined per layer
 * when closer than `gapCycles`, and stalls as the gaps in compute within each layer. Without one,
 * an estimate from per-layer totals: DRAM busy from the layer's start, stall, then compute.
 */
export function timelineIntervals(result: SimResult, trace?: readonly TraceEvent[], gapCycles = 0): TimelineInterval[] {
  const out: TimelineInterval[] = [];
  const byLayer = new Map<number, TraceEvent[]>();
  for (const t of trace ?? []) {
    const list = byLayer.get(t.layer);
    if (list) list.push(t);
    else byLayer.set(t.layer, [t]);
  }
  result.layers.forEach((l, layer) => {
    const start = l.startCycle;
    const end = l.startCycle + l.cycles;
    const push = (lane: TimelineInterval['lane'], kind: TimelineKind, spans: readonly Span[]) => {
      for (const [s, e] of spans) if (e > s) out.push({ layer, lane, kind, startCycle: s, endCycle: e });
    };
    if (!trace) {
      const computeStart = end - l.computeCycles;
      push('dram', 'transfer', [[start, start + l.dramBusyCycles]]);
      if (l.unit !== 'none') push('compute', 'stall', [[start, computeStart]]);
      push('compute', 'compute', [[computeStart, end]]);
      return;
    }
    const own = byLayer.get(layer) ?? [];
    const spansOf = (kind: TraceEvent['kind']) =>
      mergeSpans(
        own.filter((t) => t.kind === kind).map((t): Span => [t.startCycle, t.endCycle]),
        gapCycles,
      );
    push('dram', 'load', spansOf('load'));
    push('dram', 'store', spansOf('store'));
    const compute = spansOf('compute');
    push('compute', 'compute', compute);
    if (l.unit !== 'none')
      push(
        'compute',
        'stall',
        gaps(start, end, compute).filter(([s, e]) => e - s > gapCycles),
      );
  });
  return out;
}

/** The parts of [start, end) that no span covers; `spans` sorted and disjoint. */
function gaps(start: number, end: number, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let at = start;
  for (const [s, e] of spans) {
    if (s > at) out.push([at, Math.min(s, end)]);
    at = Math.max(at, e);
  }
  if (at < end) out.push([at, end]);
  return out;
}
