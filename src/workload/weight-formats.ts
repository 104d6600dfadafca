import type { TensorPrecision } from '../config/schemas/common.js';
import { fail } from '../config/user-error.js';

/**
 * How a model's weights are stored: plain, integer with a scale per group of weights
 * (weight-only w4a16/w8a16), an OCP Microscaling block format, or palettized (indices into a
 * look-up table). What matters to the simulator is the bits each weight costs in memory and on
 * the wires, scales and tables included; the MACs run at the activations' precision (weights are
 * dequantized on the way in).
 */
export interface WeightFormat {
  /** As written: "fp16", "int4-g128", "mxfp4", "pal3", "pal:3.7". */
  readonly name: string;
  readonly kind: 'plain' | 'group' | 'mx' | 'palette';
  /** Bits of one stored element (an average for a mixed palette). */
  readonly elementBits: number;
  /** Weights sharing one scale (group, MX block); 0 for one scale per output channel; absent when none. */
  readonly group?: number;
  /** Bits of one shared scale (fp16 for groups, E8M0 for MX). */
  readonly scaleBits?: number;
  /** The tensor precision the weights occupy for the arch's MAC-rate lookup and packing. */
  readonly precision: TensorPrecision;
}

/** Bits of a per-group or per-channel scale for weight-only integer formats: one fp16 value (symmetric). */
const GROUP_SCALE_BITS = 16;
/** OCP MX v1.0: a block of 32 elements shares one E8M0 (8-bit power-of-two) scale. */
export const MX_BLOCK = 32;
const MX_SCALE_BITS = 8;
/** Bits of one palette (look-up table) entry: fp16. */
const PALETTE_ENTRY_BITS = 16;

/** Element widths of the OCP MX v1.0 concrete formats (MXFP6 is E2M3 or E3M2, both 6 bits). */
const MX_ELEMENT_BITS: Readonly<Record<string, number>> = { mxint8: 8, mxfp8: 8, mxfp6: 6, mxfp4: 4 };

/** The formats `--weights` takes, for messages. */
export const WEIGHT_FORMAT_HELP =
  'fp16, bf16, int8 or int4 (one scale per output channel), int8-g<N> or int4-g<N> (one fp16 scale per N weights: 32, 64, 128, ...), mxint8, mxfp8, mxfp6, mxfp4, pal2, pal3, pal4 (palettized), or pal:<average bits> for a mix of 2- and 4-bit palettes such as pal:3.7';

/** Parses a weight-format name; a bad one fails naming `flag` and the formats there are. */
export function parseWeightFormat(text: string, flag: string, at?: string): WeightFormat {
  const name = text.trim().toLowerCase();
  if (name === 'fp16' || name === 'bf16') return { name, kind: 'plain', elementBits: 16, precision: name };
  const int = /^int(4|8)(?:-g(\d+))?$/.exec(name);
  if (int) {
    const bits = Number(int[1]);
    const group = int[2] === undefined ? 0 : Number(int[2]);
    if (int[2] !== undefined && !(group >= 1 && group <= 1_000_000))
      fail(flag, at, `a scale group holds 1 to 1,000,000 weights; got "${text}"`);
    return {
      name,
      kind: 'group',
      elementBits: bits,
      group,
      scaleBits: GROUP_SCALE_BITS,
      precision: `int${bits}` as TensorPrecision,
    };
  }
  if (name in MX_ELEMENT_BITS) {
    const bits = MX_ELEMENT_BITS[name];
    return {
      name,
      kind: 'mx',
      elementBits: bits,
      group: MX_BLOCK,
      scaleBits: MX_SCALE_BITS,
      precision: bits <= 4 ? 'int4' : 'int8',
    };
  }
  const pal = /^pal(?:(2|3|4)|:(\d+(?:\.\d+)?))$/.exec(name);
  if (pal) {
    const bits = Number(pal[1] ?? pal[2]);
    if (!(bits >= 1 && bits <= 8)) fail(flag, at, `a palette index has 1 to 8 bits; got "${text}"`);
    return { name, kind: 'palette', elementBits: bits, precision: bits <= 2 ? 'int2' : bits <= 4 ? 'int4' : 'int8' };
  }
  return fail(flag, at, `unknown weight format "${text}"; expected ${WEIGHT_FORMAT_HELP}`);
}

/**
 * Bits one weight costs in storage, overhead included, in a layer whose output channels each
 * reduce over `k` weights: group scales spread over their group, a per-channel scale over k, an
 * MX block's scale over 32, a palette's 2^bits fp16 entries (one table per output channel, as
 * Core ML's per-channel palettization) over k. A mixed palette's table is sized for its widest
 * (rounded-up) index.
 */
export function bitsPerWeight(f: WeightFormat, k: number): number {
  switch (f.kind) {
    case 'plain':
      return f.elementBits;
    case 'group':
      return f.elementBits + f.scaleBits! / (f.group! > 0 ? Math.min(f.group!, k) : k);
    case 'mx':
      return f.elementBits + f.scaleBits! / f.group!;
    case 'palette':
      return f.elementBits + (2 ** Math.ceil(f.elementBits) * PALETTE_ENTRY_BITS) / k;
  }
}

/** One line on how the weights are stored, for reports. */
export function describeWeightFormat(f: WeightFormat): string {
  switch (f.kind) {
    case 'plain':
      return `${f.name} weights`;
    case 'group':
      return f.group! > 0
        ? `int${f.elementBits} weights, one fp16 scale per ${f.group} (weight-only)`
        : `int${f.elementBits} weights, one fp16 scale per output channel (weight-only)`;
    case 'mx':
      return `OCP ${f.name.toUpperCase()}: ${f.elementBits}-bit elements in blocks of ${f.group} sharing an 8-bit scale`;
    case 'palette':
      return `${f.elementBits}-bit palette indices, a ${2 ** Math.ceil(f.elementBits)}-entry fp16 table per output channel`;
  }
}
