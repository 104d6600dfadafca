import { basename } from 'node:path';
import type { LayerSpec, WorkloadSpec } from '../config/schemas/workload.js';
import { fail } from '../config/user-error.js';
import { fileStem, sanitiseName } from './scalesim-config.js';

/** One convolution row of a SCALE-Sim topology (conv form). Sizes in elements, as written. */
export interface ScalesimConvLayer {
  readonly form: 'conv';
  readonly name: string;
  /** 1-based line in the CSV file. */
  readonly line: number;
  readonly ifmapHeight: number;
  readonly ifmapWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly channels: number;
  readonly numFilters: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  /** Name contains `DP`: SCALE-Sim runs it as `channels` single-channel layers. */
  readonly depthwise: boolean;
}

/** One row of a SCALE-Sim topology in GEMM form: output [M × N] = [M × K] · [K × N]. */
export interface ScalesimGemmLayer {
  readonly form: 'gemm';
  readonly name: string;
  readonly line: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

export type ScalesimLayer = ScalesimConvLayer | ScalesimGemmLayer;

const CONV_COLUMNS = [
  'Layer name',
  'IFMAP Height',
  'IFMAP Width',
  'Filter Height',
  'Filter Width',
  'Channels',
  'Num Filter',
  'Strides',
  'Width stride',
];
const GEMM_COLUMNS = ['Layer', 'M', 'N', 'K'];

/** Splits a CSV line on commas, dropping the trailing empty field that SCALE-Sim's trailing comma leaves. */
function fields(text: string): string[] {
  const f = text.split(',').map((s) => s.trim());
  if (f.length > 1 && f[f.length - 1] === '') f.pop();
  return f;
}

/** True when the header (first non-blank line) announces the GEMM form: second column `M`. */
export function isGemmHeader(headerLine: string): boolean {
  return (fields(headerLine)[1] ?? '').toUpperCase() === 'M';
}

/**
 * Parses a SCALE-Sim v2 topology CSV. `gemm` picks the `Layer, M, N, K` form; when undefined it is
 * detected from the header. Every malformed row is a UserError naming its line and column.
 */
export function parseScalesimTopology(text: string, file: string, options: { gemm?: boolean } = {}): ScalesimLayer[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) fail(file, undefined, 'the topology file is empty; expected a header line and one line per layer');
  const header = fields(lines[headerIndex]);
  if (header.length > 1 && /^\d+$/.test(header[1])) {
    fail(
      file,
      `line ${headerIndex + 1}`,
      `expected a header line (e.g. "${CONV_COLUMNS.slice(0, 8).join(', ')},"), got a data row; SCALE-Sim always skips the first line`,
    );
  }
  const gemm = options.gemm ?? isGemmHeader(lines[headerIndex]);
  const layers: ScalesimLayer[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    layers.push(gemm ? gemmRow(fields(lines[i]), i + 1, file) : convRow(fields(lines[i]), i + 1, file));
  }
  if (!layers.length) fail(file, undefined, 'no layers: expected one line per layer after the header');
  return layers;
}

/** The value of column `index` as a whole number ≥ 1. */
function count(f: readonly string[], index: number, names: readonly string[], line: number, file: string): number {
  const v = f[index];
  const where = `line ${line}, column "${names[index]}"`;
  if (!/^\+?\d+$/.test(v)) fail(file, where, `expected a whole number, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < 1) fail(file, where, `must be ≥ 1, got ${v}`);
  return n;
}

function convRow(f: readonly string[], line: number, file: string): ScalesimConvLayer {
  if (f.length !== 8 && f.length !== 9) {
    fail(
      file,
      `line ${line}`,
      `expected 8 columns (${CONV_COLUMNS.slice(0, 8).join(', ')}) or 9 (with a separate width stride), got ${f.length}; for the GEMM form (Layer, M, N, K) use the gemm option`,
    );
  }
  const c = (i: number) => count(f, i, CONV_COLUMNS, line, file);
  const layer: ScalesimConvLayer = {
    form: 'conv',
    name: f[0],
    line,
    ifmapHeight: c(1),
    ifmapWidth: c(2),
    filterHeight: c(3),
    filterWidth: c(4),
    channels: c(5),
    numFilters: c(6),
    strideHeight: c(7),
    strideWidth: f.length === 9 ? c(8) : c(7),
    depthwise: f[0].includes('DP'),
  };
  if (layer.filterHeight > layer.ifmapHeight) {
    fail(
      file,
      `line ${line}, column "Filter Height"`,
      `filter height ${layer.filterHeight} is larger than the IFMAP height ${layer.ifmapHeight}`,
    );
  }
  if (layer.filterWidth > layer.ifmapWidth) {
    fail(
      file,
      `line ${line}, column "Filter Width"`,
      `filter width ${layer.filterWidth} is larger than the IFMAP width ${layer.ifmapWidth}`,
    );
  }
  return layer;
}

function gemmRow(f: readonly string[], line: number, file: string): ScalesimGemmLayer {
  if (f.length !== 4) {
    fail(file, `line ${line}`, `expected 4 columns (${GEMM_COLUMNS.join(', ')}) in GEMM form, got ${f.length}`);
  }
  const c = (i: number) => count(f, i, GEMM_COLUMNS, line, file);
  return { form: 'gemm', name: f[0], line, m: c(1), n: c(2), k: c(3) };
}

/** SCALE-Sim's output size: `ceil((in − filter) / stride) + 1` (no padding; remainders round up). */
export const scalesimOutSize = (input: number, filter: number, stride: number): number =>
  Math.ceil((input - filter) / stride) + 1;

/** Bottom/right padding that makes the usual floor formula give SCALE-Sim's ceil output size. */
export const ceilPadding = (input: number, filter: number, stride: number): number =>
  (stride - ((input - filter) % stride)) % stride;

/** Unique, non-empty layer names (kept as written where possible), and a graph input per layer. */
function assignNames(raw: readonly string[]): { layer: string; input: string }[] {
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  };
  const layers = raw.map((r, i) => unique(r === '' ? `layer${i + 1}` : r));
  return layers.map((layer) => ({ layer, input: unique(`${layer}_in`) }));
}

function convLayer(l: ScalesimConvLayer, name: string, input: string, source: string): LayerSpec {
  const padH = ceilPadding(l.ifmapHeight, l.filterHeight, l.strideHeight);
  const padW = ceilPadding(l.ifmapWidth, l.filterWidth, l.strideWidth);
  const window = {
    kernel: [l.filterHeight, l.filterWidth] as [number, number],
    stride: l.strideHeight === l.strideWidth ? l.strideHeight : ([l.strideHeight, l.strideWidth] as [number, number]),
    padding: padH || padW ? ([0, padH, 0, padW] as [number, number, number, number]) : 0,
  };
  if (l.depthwise) {
    // SCALE-Sim: `channels` layers of 1 channel × numFilters filters = a depthwise conv with multiplier numFilters.
    return {
      type: 'depthwise',
      name,
      input,
      ...window,
      ...(l.numFilters > 1 ? { multiplier: l.numFilters } : {}),
      bias: false,
      source,
    };
  }
  return { type: 'conv2d', name, input, outChannels: l.numFilters, ...window, bias: false, source };
}

/**
 * The picojoule workload equivalent to a SCALE-Sim topology. Layers stay independent, as in
 * SCALE-Sim: each reads its own graph input `<layer>_in` ([1, C, H, W], or [M, K] for GEMMs).
 * Conv rows become `conv2d` (or `depthwise` for `DP` names) with bottom/right padding that
 * reproduces SCALE-Sim's ceil output size; GEMM rows become `dense` layers with N outputs.
 * No layer has a bias: SCALE-Sim moves and multiplies only the filter operand.
 */
export function topologyToWorkload(csvText: string, file: string, options: { gemm?: boolean; name?: string } = {}): WorkloadSpec {
  const rows = parseScalesimTopology(csvText, file, options);
  const form = rows[0].form;
  const csvName = basename(file);
  const names = assignNames(rows.map((r) => r.name));
  const inputs: WorkloadSpec['inputs'] = {};
  const layers = rows.map((r, i): LayerSpec => {
    const { layer: name, input } = names[i];
    const source = `SCALE-Sim topology ${csvName} line ${r.line}`;
    if (r.form === 'gemm') {
      inputs[input] = { shape: [r.m, r.k] };
      return { type: 'dense', name, input, outFeatures: r.n, bias: false, source };
    }
    inputs[input] = { shape: [1, r.channels, r.ifmapHeight, r.ifmapWidth] };
    return convLayer(r, name, input, source);
  });
  return {
    version: 1,
    name: sanitiseName(options.name ?? fileStem(file), 'scalesim'),
    description:
      `Imported from SCALE-Sim v2 topology ${csvName} (${form} form). Layers are independent, as in SCALE-Sim: ` +
      "each reads its own input; sizes already include padding, and outputs use SCALE-Sim's ceil rounding.",
    source: `SCALE-Sim v2 topology ${csvName}`,
    inputs,
    layers,
  };
}
