import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { WeightStats, WeightsReader } from '../workload/build-graph.js';
import { fail } from '../config/user-error.js';
import { elementsOf } from '../workload/layer-site.js';

/** What picojoule needs from a NumPy array file: its shape and how many of its values are non-zero. */
export type NpyStats = WeightStats;

/** Reads a layer's `weightsFile`, a path relative to the workload file that names it. */
export const readWeightsFile: WeightsReader = (ref, file, at) =>
  readNpyStats(isAbsolute(ref) || file === undefined ? ref : join(dirname(file), ref), `${file ?? 'the workload'} ${at}`);

// Element readers by NumPy dtype string; all little-endian (or byte-sized).
const READERS: Record<string, { bytes: number; read: (v: DataView, offset: number) => number }> = {
  '|i1': { bytes: 1, read: (v, o) => v.getInt8(o) },
  '|u1': { bytes: 1, read: (v, o) => v.getUint8(o) },
  '<i2': { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  '<i4': { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  '<f2': { bytes: 2, read: (v, o) => v.getUint16(o, true) & 0x7fff }, // zero iff the bits without the sign are zero
  '<f4': { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  '<f8': { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
};

/**
 * Reads a `.npy` file (NumPy's format: magic, version, a header dict with `descr`, `fortran_order`
 * and `shape`, then the raw values) and counts its non-zero values. Element order does not matter
 * for a count, so Fortran order is accepted too.
 */
export function readNpyStats(file: string, at: string): NpyStats {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    return fail(file, undefined, `cannot read weights (${(err as NodeJS.ErrnoException).code ?? String(err)}), named at ${at}`);
  }
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== '\x93NUMPY')
    return fail(file, undefined, `not a NumPy .npy file (named at ${at})`);
  const major = buf[6];
  if (major < 1 || major > 3)
    return fail(file, undefined, `unsupported .npy format version ${major} (named at ${at}); expected 1, 2 or 3`);
  const start = major === 1 ? 10 : 12;
  if (buf.length < start) return fail(file, undefined, `the .npy file ends inside its header (named at ${at})`);
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  if (buf.length < start + headerLength) return fail(file, undefined, `the .npy file ends inside its header (named at ${at})`);
  const header = buf.toString('latin1', start, start + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) return fail(file, undefined, `cannot read the .npy header (named at ${at})`);
  const reader = READERS[descr];
  if (!reader) return fail(file, undefined, `unsupported dtype "${descr}"; expected one of ${Object.keys(READERS).join(', ')}`);
  const dims = shapeText
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  if (!dims.every((d) => /^\d+L?$/.test(d)))
    return fail(file, undefined, `the .npy shape (${shapeText}) must be whole non-negative numbers (named at ${at})`);
  const shape = dims.map((d) => Number(d.replace('L', '')));
  const elements = elementsOf(shape);
  const data = start + headerLength;
  if (buf.length < data + elements * reader.bytes)
    return fail(file, undefined, `holds fewer values than its shape [${shape.join(', ')}] says`);
  const view = new DataView(buf.buffer, buf.byteOffset + data, elements * reader.bytes);
  let nonZero = 0;
  for (let i = 0; i < elements; i++) if (reader.read(view, i * reader.bytes) !== 0) nonZero++;
  return { shape, elements, nonZero };
}
