import { textWidth } from './svg-kit.js';

/** A point to name: its position (px), its text, and its radius (px) which labels must clear. */
export interface LabelAnchor {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly radius: number;
}

/** A placed label: the text's left end and baseline (px). */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Names the first `maxLabels` points greedily, in the order given (put the important ones first):
 * each label goes right, left, above, below or diagonal to its point, at the first spot inside
 * `width` × `height` that overlaps no point and no label placed before it, or is left out.
 */
export function placeLabels(
  anchors: readonly LabelAnchor[],
  width: number,
  height: number,
  fontSize: number,
  maxLabels = anchors.length,
): PlacedLabel[] {
  const taken: Box[] = anchors.map((a) => ({ x0: a.x - a.radius, y0: a.y - a.radius, x1: a.x + a.radius, y1: a.y + a.radius }));
  const placed: PlacedLabel[] = [];
  const ascent = fontSize;
  const descent = 0.3 * fontSize;
  for (const a of anchors.slice(0, maxLabels)) {
    const tw = textWidth(a.text, fontSize);
    const gap = a.radius + 3;
    const baselines: [number, number][] = [
      [a.x + gap, a.y + fontSize / 3],
      [a.x - gap - tw, a.y + fontSize / 3],
      [a.x - tw / 2, a.y - gap - descent],
      [a.x - tw / 2, a.y + gap + ascent],
      [a.x + gap - 2, a.y - gap + 2],
      [a.x + gap - 2, a.y + gap + ascent - 2],
      [a.x - gap + 2 - tw, a.y - gap + 2],
      [a.x - gap + 2 - tw, a.y + gap + ascent - 2],
    ];
    for (const [x, y] of baselines) {
      const box = { x0: x, y0: y - ascent, x1: x + tw, y1: y + descent };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height || taken.some((t) => overlaps(box, t))) continue;
      taken.push(box);
      placed.push({ x, y, text: a.text });
      break;
    }
  }
  return placed;
}
