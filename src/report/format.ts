import { format } from 'd3-format';

const si = format('.3~s');

/** A number with an SI prefix and unit: 3.93e12 → "3.93 T" + unit; µ for micro. */
export function formatSI(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `— ${unit}`;
  if (value === 0) return `0 ${unit}`;
  const s = si(value).replace('µ', 'µ');
  const m = /^(-?[\d.]+)(\D*)$/.exec(s);
  return m ? `${m[1]} ${m[2]}${unit}` : `${s} ${unit}`;
}

/** Bytes with binary prefixes: 8388608 → "8 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : Number(v.toPrecision(3))} ${units[i]}`;
}

/** An area in mm² with three significant digits ("5.84 mm²", "0.0123 mm²"). */
export const formatArea = (mm2: number): string => `${Number(mm2.toPrecision(3))} mm²`;

/** A fraction as a percentage with one decimal. */
export const formatPercent = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;

/** Integer with thousands separators (locale-independent, for stable output). */
export const formatCount = (n: number): string =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
