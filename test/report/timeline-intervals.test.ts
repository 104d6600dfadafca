import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { mergeSpans, timelineIntervals, type TimelineInterval } from '../../src/report/timeline-intervals.js';
import { recordTrace } from '../../src/report/trace-recorder.js';

const total = (bars: readonly TimelineInterval[]) => bars.reduce((s, b) => s + b.endCycle - b.startCycle, 0);

describe('mergeSpans', () => {
  it('joins overlapping and touching spans, and those within the gap', () => {
    expect(
      mergeSpans([
        [5, 8],
        [0, 2],
        [2, 3],
        [1, 4],
      ]),
    ).toEqual([
      [0, 4],
      [5, 8],
    ]);
    expect(
      mergeSpans(
        [
          [0, 4],
          [5, 8],
        ],
        1,
      ),
    ).toEqual([[0, 8]]);
    expect(mergeSpans([])).toEqual([]);
  });
});

describe.each([
  ['edge-tpu', 'mobilenet-v2'],
  ['eyeriss-like', 'tiny'],
  ['apple-ane', 'bert-base-layer'],
])('timeline of %s running %s', (arch, workload) => {
  const { events, sink } = recordTrace();
  const result = simulate(loadArch(arch), loadWorkload(workload), { trace: sink });

  it('from the trace: each layer’s compute bars add up to its compute cycles and its stall bars to its stall cycles', () => {
    const bars = timelineIntervals(result, events);
    result.layers.forEach((l, i) => {
      const own = bars.filter((b) => b.layer === i);
      expect(total(own.filter((b) => b.kind === 'compute'))).toBe(l.computeCycles);
      if (l.unit !== 'none') expect(total(own.filter((b) => b.kind === 'stall'))).toBe(l.stallCycles);
      for (const b of own) {
        expect(b.startCycle).toBeGreaterThanOrEqual(l.startCycle);
        expect(b.endCycle).toBeLessThanOrEqual(l.startCycle + l.cycles);
      }
    });
  });

  it('without a trace: the same totals, estimated from per-layer figures', () => {
    const bars = timelineIntervals(result);
    result.layers.forEach((l, i) => {
      const own = bars.filter((b) => b.layer === i);
      expect(total(own.filter((b) => b.kind === 'compute'))).toBe(l.computeCycles);
      expect(total(own.filter((b) => b.kind === 'transfer'))).toBe(l.dramBusyCycles);
      if (l.unit !== 'none') expect(total(own.filter((b) => b.kind === 'stall'))).toBe(l.stallCycles);
    });
  });

  it('puts transfers on the DRAM lane and compute and stalls on the compute lane', () => {
    for (const b of timelineIntervals(result, events))
      expect(b.lane).toBe(b.kind === 'compute' || b.kind === 'stall' ? 'compute' : 'dram');
  });
});
