import { describe, expect, it } from '@jest/globals';
import { placeLabels } from '../../src/report/place-labels.js';
import { textWidth } from '../../src/report/svg-kit.js';

const box = (l: { x: number; y: number; text: string }) => ({
  x0: l.x,
  y0: l.y - 10,
  x1: l.x + textWidth(l.text, 10),
  y1: l.y + 3,
});
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('placeLabels', () => {
  it('puts a lone label to the right of its point', () => {
    expect(placeLabels([{ x: 50, y: 50, text: 'conv1', radius: 6 }], 400, 300, 10)).toEqual([
      { x: 59, y: 50 + 10 / 3, text: 'conv1' },
    ]);
  });

  it('keeps labels of a tight cluster apart, off the points and inside the plot, dropping what does not fit', () => {
    const anchors = Array.from({ length: 30 }, (_, i) => ({
      x: 100 + (i % 6) * 9,
      y: 100 + Math.floor(i / 6) * 7,
      text: `layer${i}.conv`,
      radius: 6,
    }));
    const placed = placeLabels(anchors, 400, 300, 10);
    expect(placed.length).toBeGreaterThan(3);
    expect(placed.length).toBeLessThan(anchors.length);
    placed.forEach((a, i) => {
      const b = box(a);
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(400);
      for (const other of placed.slice(i + 1)) expect(overlaps(b, box(other))).toBe(false);
      for (const p of anchors) expect(overlaps(b, { x0: p.x - 6, y0: p.y - 6, x1: p.x + 6, y1: p.y + 6 })).toBe(false);
    });
  });

  it('labels only the first maxLabels anchors, but keeps clear of all of them', () => {
    const anchors = [
      { x: 100, y: 100, text: 'big', radius: 6 },
      { x: 118, y: 103, text: 'small', radius: 6 },
    ];
    const placed = placeLabels(anchors, 400, 300, 10, 1);
    expect(placed.map((p) => p.text)).toEqual(['big']);
    expect(placed[0].x).toBeLessThan(100); // the right-hand spot would cover the small point
  });
});
