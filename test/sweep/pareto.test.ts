import { describe, expect, it } from '@jest/globals';
import { paretoFront } from '../../src/sweep/pareto.js';

interface P {
  readonly name: string;
  readonly seconds: number;
  readonly joules: number;
  readonly mm2: number;
  readonly tops?: number;
}
const by = (...keys: (keyof P)[]) => keys.map((k) => ({ value: (p: P) => p[k] as number }));

describe('Pareto fronts', () => {
  // Worked by hand: d is dominated by a (slower, costlier, bigger); e by b; f ties a on everything.
  const items: P[] = [
    { name: 'a', seconds: 1, joules: 5, mm2: 3 },
    { name: 'b', seconds: 2, joules: 2, mm2: 4 },
    { name: 'c', seconds: 3, joules: 4, mm2: 1 },
    { name: 'd', seconds: 2, joules: 6, mm2: 3 },
    { name: 'e', seconds: 2, joules: 3, mm2: 5 },
    { name: 'f', seconds: 1, joules: 5, mm2: 3 },
  ];

  it('over three objectives keeps exactly the undominated points, sorted by the first', () => {
    expect(paretoFront(items, by('seconds', 'joules', 'mm2')).map((p) => p.name)).toEqual(['a', 'b', 'c']);
  });

  it('over two objectives a point that was only good at the third drops out', () => {
    // on (seconds, joules): c (3 s, 4 J) is dominated by b (2 s, 2 J)
    expect(paretoFront(items, by('seconds', 'joules')).map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('maximised objectives count more as better', () => {
    const t = [
      { name: 'x', seconds: 1, joules: 1, mm2: 1, tops: 2 },
      { name: 'y', seconds: 1, joules: 1, mm2: 1, tops: 3 },
    ];
    expect(paretoFront(t, [{ value: (p) => p.tops, maximise: true }, ...by('mm2')]).map((p) => p.name)).toEqual(['y']);
  });

  it('no point off the front is undominated, and no point on it is dominated (random sets)', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 10;
    for (let trial = 0; trial < 50; trial++) {
      const pts = Array.from({ length: 30 }, (_, i) => ({ name: String(i), seconds: rnd(), joules: rnd(), mm2: rnd() }));
      const front = new Set(paretoFront(pts, by('seconds', 'joules', 'mm2')));
      const dominates = (a: P, b: P) =>
        a.seconds <= b.seconds &&
        a.joules <= b.joules &&
        a.mm2 <= b.mm2 &&
        (a.seconds < b.seconds || a.joules < b.joules || a.mm2 < b.mm2);
      for (const p of pts) expect(front.has(p)).toBe(!pts.some((q) => dominates(q, p)));
    }
  });
});
