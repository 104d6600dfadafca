import type { SimResult } from '../sim/result.js';

/** One memory level's ceiling on a roofline: bandwidth × intensity, up to its ridge point. */
export interface Ceiling {
  /** `dram`, or the SRAM level's name. */
  readonly level: string;
  /** The energy component the level's colour comes from (`dram`, `sram.<name>`). */
  readonly component: string;
  readonly bytesPerSecond: number;
  /** Intensity (op/B) where this ceiling meets the compute roof. */
  readonly ridge: number;
}

/** A layer on the roofline, against the level whose traffic bounds it most. */
export interface RooflinePoint {
  readonly name: string;
  /** Ops (2 × MACs) per byte moved at its bounding level. */
  readonly intensity: number;
  readonly opsPerSecond: number;
  readonly bound: string;
  readonly macs: number;
  /** The level with the longest transfer time (bytes ÷ bandwidth). */
  readonly level: string;
}

/**
 * The ceilings of a result's memory levels: each SRAM level at its bandwidth (its own, or what
 * its banks deliver), and the off-chip memory at its bandwidth unless ideal. A result written
 * before levels were reported has only the off-chip one.
 */
export function ceilingsOf(result: SimResult): Ceiling[] {
  const peak = result.arch.peakOpsPerSecond;
  const onChip = (result.arch.memory ?? []).filter((m) => m.kind === 'sram');
  const levels = [
    ...onChip.map((m) => ({ level: m.name, component: `sram.${m.name}`, bytesPerSecond: m.bytesPerSecond })),
    { level: 'dram', component: 'dram', bytesPerSecond: result.arch.dram.ideal ? null : result.arch.dram.bytesPerSecond },
  ];
  return levels
    .filter((l): l is Omit<Ceiling, 'ridge'> => l.bytesPerSecond !== null && l.bytesPerSecond > 0)
    .map((l) => ({ ...l, ridge: peak / l.bytesPerSecond }));
}

/** Bytes a layer moved at each level (only off-chip bytes for results without levels). */
const bytesAt = (l: SimResult['layers'][number], level: string): number => {
  const m = l.memory?.[level];
  if (m) return m.readBytes + m.writeBytes;
  return level === 'dram' ? l.dram.readBytes + l.dram.writeBytes : 0;
};

/**
 * The layers a roofline places — those with MACs, time and traffic at a level with a ceiling —
 * each against the level that bounds it (the longest bytes ÷ bandwidth); the rest are counted.
 */
export function rooflinePoints(result: SimResult, ceilings = ceilingsOf(result)): { points: RooflinePoint[]; skipped: number } {
  const points: RooflinePoint[] = [];
  for (const l of result.layers) {
    if (l.macs <= 0 || l.seconds <= 0) continue;
    let best: { c: Ceiling; bytes: number } | undefined;
    for (const c of ceilings) {
      const bytes = bytesAt(l, c.level);
      if (bytes > 0 && (!best || bytes / c.bytesPerSecond > best.bytes / best.c.bytesPerSecond)) best = { c, bytes };
    }
    if (!best) continue;
    const ops = 2 * l.macs;
    points.push({
      name: l.name,
      intensity: ops / best.bytes,
      opsPerSecond: ops / l.seconds,
      bound: l.bound,
      macs: l.macs,
      level: best.c.level,
    });
  }
  return { points, skipped: result.layers.length - points.length };
}
