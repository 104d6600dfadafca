import { fail } from './user-error.js';

/** The physical dimensions a config quantity may have, each converted to its SI base unit. */
export type Dimension = 'bytes' | 'hertz' | 'bytesPerSecond' | 'seconds' | 'watts' | 'joules' | 'area' | 'volts';

// `max` keeps every derived number (cycles, bytes, joules) finite and meaningful: far beyond any
// accelerator, well inside double precision.
const BASE: Record<
  Dimension,
  { unit: string; example: string; noun: string; max: number; maxText: string; min?: number; minText?: string }
> = {
  bytes: { unit: 'B', example: '"512 KiB" or 524288', noun: 'a size in bytes', max: 2 ** 50, maxText: '1 PiB' },
  hertz: { unit: 'Hz', example: '"500 MHz" or 5e8', noun: 'a frequency', max: 1e12, maxText: '1 THz' },
  // Below 1 kB/s a network's transfers outlast any run worth simulating (and overflow exact cycle counts).
  bytesPerSecond: {
    unit: 'B/s',
    example: '"25.6 GB/s" or 2.56e10',
    noun: 'a bandwidth',
    max: 1e15,
    maxText: '1 PB/s',
    min: 1e3,
    minText: '1 kB/s',
  },
  seconds: { unit: 's', example: '"100 ns" or 1e-7', noun: 'a time', max: 1e3, maxText: '1000 s' },
  watts: { unit: 'W', example: '"2 W" or "150 mW"', noun: 'a power', max: 1e5, maxText: '100 kW' },
  joules: { unit: 'J', example: '"3 pJ" or 3e-12', noun: 'an energy', max: 1, maxText: '1 J' },
  area: { unit: 'm^2', example: '"385 um^2" or "0.5 mm^2"', noun: 'an area', max: 1, maxText: '1 m^2' },
  volts: { unit: 'V', example: '"0.8 V" or "850 mV"', noun: 'a voltage', max: 10, maxText: '10 V' },
};

// mathjs is slow to import (~2 s as ESM); the single-file bundle loads in ~0.3 s, and only
// when a config actually contains a unit string.
interface MathUnit {
  equalBase(other: MathUnit): boolean;
  toNumber(unit: string): number;
}
interface MathInstance {
  unit(text: string): MathUnit;
  createUnit(name: string, options: object): void;
}
let math: MathInstance | undefined;

/** Whether this process has loaded mathjs (the common unit forms do not need it). */
export const mathjsLoaded = (): boolean => math !== undefined;

/** mathjs's `create` and `all`, as its single-file bundle exports them. */
export interface MathjsModule {
  create(f: unknown): MathInstance;
  all: unknown;
}

let provided: MathjsModule | undefined;

/** Supplies mathjs where Node's `require` is not at hand (a browser bundle imports it and passes it here). */
export function useMathjs(module: MathjsModule): void {
  provided = module;
  math = undefined;
}

function mathjs(): MathInstance {
  if (math) return math;
  const { create, all } = provided ?? requireMathjs();
  const m = create(all);
  // Not built in. `cycle` already exists in mathjs as an angle, so clock cycles are not a unit here.
  m.createUnit('op', { prefixes: 'short' });
  m.createUnit('MAC', { definition: '2 op', prefixes: 'short' });
  m.createUnit('OPS', { definition: '1 op/s', prefixes: 'short' });
  math = m;
  return m;
}

/** Loads the bundle synchronously through Node's module loader, looked up at run time so that nothing here imports a `node:` module. */
function requireMathjs(): MathjsModule {
  const node = globalThis.process?.getBuiltinModule?.('node:module');
  if (!node) throw new Error('picojoule: unit strings need mathjs; outside Node, call useMathjs(mathjs) first');
  return node.createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathjsModule;
}

/**
 * Converts a config quantity to a number in the SI base unit of `dimension`.
 * Numbers are taken as already in base units; strings are parsed by mathjs ("8 MiB", "1.2 GHz").
 * Case matters: kB = 1000 B, KiB = 1024 B, kb = 1000 bit.
 */
export function parseQuantity(value: number | string, dimension: Dimension, file: string | undefined, path: string): number {
  const base = BASE[dimension];
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else {
    const key = `${dimension} ${value}`;
    let hit = parsed.get(key);
    if (hit === undefined) {
      hit = parseUnitString(value, dimension, base, file, path);
      if (parsed.size >= 10_000) parsed.clear();
      parsed.set(key, hit);
    }
    n = hit;
  }
  if (!Number.isFinite(n) || n < 0) {
    return fail(file, path, `${base.noun} must be a finite number ≥ 0, got ${JSON.stringify(value)}`);
  }
  if (n > base.max) return fail(file, path, `${JSON.stringify(value)} is beyond any plausible value (at most ${base.maxText})`);
  if (base.min !== undefined && n > 0 && n < base.min)
    return fail(file, path, `${JSON.stringify(value)} is below any plausible value (at least ${base.minText})`);
  return n;
}

/** Unit strings already read, by dimension and text: a sweep builds thousands of archs from the same strings. */
const parsed = new Map<string, number>();

/**
 * The common forms, "<number> <prefix><unit>" with a unit of the dimension's own ("8 MiB",
 * "1.2 GHz", "0.5 pJ", "385 um^2"), read without mathjs: loading it costs a CLI run ~0.2 s, more
 * than the rest of a small simulation. Each prefix and unit here gives the number mathjs gives
 * (test/config/units.test.ts checks every one against mathjs); anything else goes to mathjs.
 */
const SI = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 } as const;
const SUB = { '': 1, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 } as const;
const IEC = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5 } as const;
const FAST_UNITS: Record<Dimension, { units: Record<string, number>; prefixes: Record<string, number>; power?: 2 }> = {
  bytes: { units: { B: 1, b: 1 / 8 }, prefixes: { ...SI, ...IEC } },
  hertz: { units: { Hz: 1 }, prefixes: SI },
  bytesPerSecond: { units: { 'B/s': 1, 'b/s': 1 / 8 }, prefixes: { ...SI, ...IEC } },
  seconds: { units: { s: 1 }, prefixes: SUB },
  watts: { units: { W: 1 }, prefixes: { ...SUB, k: 1e3 } },
  joules: { units: { J: 1 }, prefixes: SUB },
  area: { units: { 'm^2': 1 }, prefixes: { '': 1, c: 1e-2, m: 1e-3, u: 1e-6, n: 1e-9 }, power: 2 },
  volts: { units: { V: 1 }, prefixes: { '': 1, m: 1e-3 } },
};
const FAST_FORM = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]{0,2}?)(B|b|Hz|B\/s|b\/s|s|W|J|V|m\^2)$/;

/** The fast reading of a unit string, or undefined when mathjs must read it. */
export function readCommonUnit(value: string, dimension: Dimension): number | undefined {
  const m = FAST_FORM.exec(value);
  if (!m) return undefined;
  const table = FAST_UNITS[dimension];
  const unit = table.units[m[3]];
  const prefix = Object.hasOwn(table.prefixes, m[2]) ? table.prefixes[m[2]] : undefined;
  if (unit === undefined || prefix === undefined) return undefined;
  const n = Number(m[1]) * (table.power === 2 ? prefix * prefix : prefix) * unit;
  return Number.isFinite(n) ? n : undefined;
}

/** A unit string's value in the dimension's base unit; fails on a bad string. */
function parseUnitString(
  value: string,
  dimension: Dimension,
  base: (typeof BASE)[Dimension],
  file: string | undefined,
  path: string,
): number {
  const text = value.trim();
  const read = readCommonUnit(text, dimension) ?? readUnitWithMathjs(text, dimension);
  if (typeof read === 'number') return read;
  return read === 'unreadable'
    ? fail(file, path, `cannot read "${value}" as ${base.noun}: unknown unit or bad number (expected e.g. ${base.example})`)
    : fail(file, path, `"${value}" is not ${base.noun} (expected e.g. ${base.example})`);
}

/** mathjs's reading of a unit string in the dimension's base unit, or why it has none. */
export function readUnitWithMathjs(text: string, dimension: Dimension): number | 'unreadable' | 'other dimension' {
  const m = mathjs();
  let u: MathUnit;
  try {
    u = m.unit(text);
  } catch {
    return 'unreadable';
  }
  const unit = BASE[dimension].unit;
  return u.equalBase(m.unit(unit)) ? u.toNumber(unit) : 'other dimension';
}
