import type { Arch } from '../hardware/arch.js';
import { macroAreaM2, macroMvm, partsJoules, MVM_PARTS, type MvmPart } from './imc-macro.js';

/** What a published macro figure states. */
export type MacroMetric = 'topsPerWatt' | 'fjPerMac' | 'tops' | 'pjPerMvm' | 'areaMm2';

export const METRIC_UNITS: Record<MacroMetric, string> = {
  topsPerWatt: 'TOPS/W',
  fjPerMac: 'fJ/MAC',
  tops: 'TOPS',
  pjPerMvm: 'pJ/MVM',
  areaMm2: 'mm²',
};

/** Area points are compared apart: the area tables carry no macro calibration. */
export const isArea = (p: MacroPoint): boolean => p.metric === 'areaMm2';

/** One published figure of a compute-in-memory macro, at its operating point. */
export interface MacroPoint {
  /** Unique in the file: what a preset's calibration names. */
  readonly id: string;
  readonly macro: string;
  readonly preset: string;
  /** Where in the paper (e.g. "Table I", "Fig. 16a"). */
  readonly figure: string;
  readonly metric: MacroMetric;
  /** The parts of the macro the figure counts (default: all). */
  readonly parts?: readonly MvmPart[];
  readonly inputBits: number;
  readonly weightBits: number;
  readonly supply?: number;
  readonly outputLevel?: number;
  readonly value: number;
  readonly source: string;
  /** published (a number in the text or a table) or figure (read from a plot). */
  readonly status: string;
}

export interface ComparedPoint extends MacroPoint {
  readonly simulated: number;
  /** (simulated − published) / published. */
  readonly error: number;
  /** The preset's calibration names the point. */
  readonly fitted: boolean;
}

/** The metric of one MVM on the macro, over the parts the figure counts. */
export function simulatedMetric(arch: Arch, p: MacroPoint): number {
  if (isArea(p)) {
    const a = macroAreaM2(arch);
    return (p.parts ?? MVM_PARTS).reduce((s, part) => s + a[part], 0) * 1e6;
  }
  const m = macroMvm(arch, p);
  const joules = partsJoules(m, p.parts ?? MVM_PARTS);
  switch (p.metric) {
    case 'topsPerWatt':
      return (2 * m.macs) / joules / 1e12;
    case 'fjPerMac':
      return (joules / m.macs) * 1e15;
    case 'tops':
      return (2 * m.macs) / m.seconds / 1e12;
    case 'pjPerMvm':
      return joules * 1e12;
    default:
      throw new Error(`unknown macro metric ${p.metric}`);
  }
}

export function compareMacroPoints(points: readonly MacroPoint[], loadArch: (name: string) => Arch): ComparedPoint[] {
  return points.map((p) => {
    const arch = loadArch(p.preset);
    const simulated = simulatedMetric(arch, p);
    return { ...p, simulated, error: (simulated - p.value) / p.value, fitted: arch.calibration?.rows.includes(p.id) ?? false };
  });
}

/** Median and worst |error| of a set of points, the worst as a factor (≥ 1) and its id. */
export interface MacroErrorStats {
  readonly points: number;
  readonly medianAbsError: number;
  readonly worstFactor: number;
  readonly worstId: string;
}

export interface MacroErrorSummary extends MacroErrorStats {
  readonly preset: string;
  readonly macro: string;
  readonly heldOut: MacroErrorStats | null;
}

const factor = (p: ComparedPoint) => Math.max(p.simulated / p.value, p.value / p.simulated);

export function macroErrorStats(points: readonly ComparedPoint[]): MacroErrorStats {
  const abs = points.map((p) => Math.abs(p.error)).sort((a, b) => a - b);
  const mid = abs.length >> 1;
  const worst = points.reduce((a, b) => (factor(b) > factor(a) ? b : a));
  return {
    points: points.length,
    medianAbsError: abs.length % 2 ? abs[mid] : (abs[mid - 1] + abs[mid]) / 2,
    worstFactor: factor(worst),
    worstId: worst.id,
  };
}

/** Per preset, in first-seen order: every point, and the points not fitted to (area points included only when `points` are all area). */
export function summarizeMacroErrors(points: readonly ComparedPoint[]): MacroErrorSummary[] {
  const presets = [...new Set(points.map((p) => p.preset))];
  return presets.map((preset) => {
    const mine = points.filter((p) => p.preset === preset);
    const held = mine.filter((p) => !p.fitted);
    return { preset, macro: mine[0].macro, ...macroErrorStats(mine), heldOut: held.length ? macroErrorStats(held) : null };
  });
}
