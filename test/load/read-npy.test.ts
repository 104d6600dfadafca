import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../../src/workload/build-graph.js';
import { readWeightsFile } from '../../src/load/read-npy.js';
import type { WorkloadSpec } from '../../src/config/schemas/workload.js';

/** Writes a version-1 .npy file of `values` with dtype `descr`. */
function writeNpy(file: string, descr: '|i1' | '<f4', shape: number[], values: number[]): void {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  // NumPy pads the header with spaces and a newline so the data starts on a 64-byte boundary.
  const total = 10 + header.length + 1;
  header = header + ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const data = descr === '|i1' ? Buffer.from(Int8Array.from(values).buffer) : Buffer.from(Float32Array.from(values).buffer);
  writeFileSync(file, Buffer.concat([head, Buffer.from(header, 'latin1'), data]));
}

/** Builds a graph the way the workload loader does: weightsFile paths read from disk. */
const buildFromFile = (spec: WorkloadSpec, file: string) => buildGraph(spec, file, undefined, readWeightsFile);

const dir = mkdtempSync(join(tmpdir(), 'pj-npy-'));
const workload = (weightsFile: string, layer: Partial<WorkloadSpec['layers'][number]> = {}): WorkloadSpec => ({
  version: 1,
  name: 'w',
  inputs: { x: { shape: [1, 4] } },
  layers: [{ type: 'dense', name: 'fc', outFeatures: 3, bias: true, weightsFile, ...layer } as WorkloadSpec['layers'][number]],
});

describe('weight density counted from trained weights (.npy)', () => {
  it('counts the non-zero int8 weights: 3 of 12 → density 0.25', () => {
    writeNpy(join(dir, 'fc.npy'), '|i1', [4, 3], [0, 5, 0, 0, 0, -2, 0, 0, 0, 7, 0, 0]);
    const g = buildFromFile(workload('fc.npy'), join(dir, 'w.json'));
    expect(g.layers[0].sparsity.weight).toEqual({ density: 0.25, structure: 'unstructured' });
  });

  it('reads float32 weights too, and keeps a declared structure', () => {
    writeNpy(join(dir, 'f.npy'), '<f4', [12], [0, 0.5, 0, -1.25, 0, 0, 0, 3, 0, 0, 1e-3, 0]);
    const g = buildFromFile(
      workload('f.npy', { sparsity: { weight: { density: 1, structure: 'channel' } } }),
      join(dir, 'w.json'),
    );
    expect(g.layers[0].sparsity.weight).toEqual({ density: 4 / 12, structure: 'channel' });
  });

  it('rejects a file whose size is not the layer’s weight count, naming the JSON path', () => {
    writeNpy(join(dir, 'wrong.npy'), '|i1', [5], [1, 2, 3, 4, 5]);
    expect(() => buildFromFile(workload('wrong.npy'), join(dir, 'w.json'))).toThrow(
      /\/layers\/0\/weightsFile: "wrong\.npy" holds 5 values .* has 12 weights/,
    );
  });

  it('rejects a file that is not .npy, and a missing file', () => {
    writeFileSync(join(dir, 'text.npy'), 'hello world, not numpy');
    expect(() => buildFromFile(workload('text.npy'), join(dir, 'w.json'))).toThrow(/not a NumPy \.npy file/);
    expect(() => buildFromFile(workload('missing.npy'), join(dir, 'w.json'))).toThrow(
      /missing\.npy: cannot read weights \(ENOENT\)/,
    );
  });

  it('refuses broken headers with a clear message: a v2 header cut short, a negative or fractional shape, an unknown version', () => {
    const raw = (name: string, bytes: Buffer) => {
      writeFileSync(join(dir, name), bytes);
      return () => buildFromFile(workload(name), join(dir, 'w.json'));
    };
    const v1 = (shape: string) => {
      const header = `{'descr': '|i1', 'fortran_order': False, 'shape': (${shape}), }`;
      const head = Buffer.from('\x93NUMPY\x01\x00\x00\x00', 'latin1');
      head.writeUInt16LE(header.length, 8);
      return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.alloc(12)]);
    };
    expect(raw('short.npy', Buffer.from('\x93NUMPY\x02\x00\x10\x00', 'latin1'))).toThrow(/ends inside its header/);
    expect(raw('neg.npy', v1('-3, 4'))).toThrow(/shape \(-3, 4\) must be whole non-negative numbers/);
    expect(raw('frac.npy', v1('2.5, 4'))).toThrow(/must be whole non-negative numbers/);
    expect(raw('v9.npy', Buffer.from('\x93NUMPY\x09\x00\x10\x00\x00\x00', 'latin1'))).toThrow(
      /unsupported \.npy format version 9/,
    );
  });
});
