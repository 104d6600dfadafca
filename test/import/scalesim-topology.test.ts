import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScalesimTopology, topologyToWorkload, type ScalesimLayer } from '../../src/import/scalesim-topology.js';
import { WorkloadSpec } from '../../src/config/schemas/workload.js';
import { validateAgainst } from '../../src/config/validate.js';
import { gemmOf, type ImportedLayer } from './scalesim-helpers.js';
import { userErrorOf as userError } from '../helpers/user-error.js';

const REF = resolve(process.cwd(), 'reference/scalesim');
const TOPOLOGIES = [
  'conv_nets/alexnet.csv',
  'conv_nets/mobilenet.csv',
  'conv_nets/Resnet18.csv',
  'conv_nets/test.csv',
  'conv_nets/yolo_tiny.csv',
  'GEMM_mnk/NCF.csv',
  'GEMM_mnk/test_mnk_input.csv',
];
const read = (rel: string) => readFileSync(join(REF, 'topologies', rel), 'utf8');

/** Layer names and numeric fields straight from the CSV, independent of the importer. */
function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) =>
      l
        .split(',')
        .slice(0, -1)
        .map((s) => s.trim()),
    );
}

describe('topologyToWorkload on the SCALE-Sim v2 reference topologies', () => {
  describe.each(TOPOLOGIES)('%s', (rel) => {
    const text = read(rel);
    const rows = csvRows(text);
    const gemm = rel.startsWith('GEMM');
    const spec = topologyToWorkload(text, rel);
    const layers = spec.layers as unknown as ImportedLayer[];

    it('validates against the workload schema', () => {
      expect(() => validateAgainst(WorkloadSpec, spec, rel)).not.toThrow();
    });

    it('keeps every layer, its name and its order, each with its own graph input', () => {
      expect(layers.map((l) => l.name)).toEqual(rows.map((r) => r[0]));
      for (const l of layers) expect(spec.inputs[l.input].shape.length).toBe(gemm ? 2 : 4);
      expect(new Set(layers.map((l) => l.input)).size).toBe(layers.length);
    });

    it(
      gemm ? 'turns M, N, K into dense layers on [M, K] inputs' : 'gives every conv the ceil output size SCALE-Sim computes',
      () => {
        rows.forEach((r, i) => {
          const g = gemmOf(layers[i], spec);
          if (gemm) {
            expect(layers[i].type).toBe('dense');
            expect([g.npx, g.n, g.k]).toEqual([Number(r[1]), Number(r[2]), Number(r[3])]);
          } else {
            const [, h, w, fh, fw, c, n, s] = r.map(Number);
            expect(layers[i].type).toBe('conv2d');
            expect([g.outH, g.outW]).toEqual([Math.ceil((h - fh) / s) + 1, Math.ceil((w - fw) / s) + 1]);
            expect(g.k).toBe(fh * fw * c);
            expect(g.n).toBe(n);
          }
        });
      },
    );

    it('counts MACs per layer as SCALE-Sim does (Npx × N × K)', () => {
      rows.forEach((r, i) => {
        const [, a, b, c, d, e, f, s] = r.map(Number);
        // SCALE-Sim's own view: GEMM (M,N,K) is a conv of an M×K ifmap with N 1×K filters.
        const expected = gemm ? a * b * c : (Math.ceil((a - c) / s) + 1) * (Math.ceil((b - d) / s) + 1) * f * c * d * e;
        expect(gemmOf(layers[i], spec).macs).toBe(expected);
      });
    });
  });

  it('reproduces AlexNet Conv1 as 55x55 (224, 11x11, stride 4) with 3 rows/columns of bottom/right padding (213 = 4·53 + 1)', () => {
    const conv1 = topologyToWorkload(read('conv_nets/alexnet.csv'), 'alexnet.csv').layers[0] as unknown as ImportedLayer;
    expect(conv1).toMatchObject({
      type: 'conv2d',
      kernel: [11, 11],
      stride: 4,
      padding: [0, 3, 0, 3],
      outChannels: 96,
      input: 'Conv1_in',
    });
    expect(gemmOf(conv1, topologyToWorkload(read('conv_nets/alexnet.csv'), 'alexnet.csv'))).toMatchObject({ outH: 55, outW: 55 });
  });

  it("names the workload after the file and records each layer's line", () => {
    const spec = topologyToWorkload(read('GEMM_mnk/test_mnk_input.csv'), 'x/test_mnk_input.csv');
    expect(spec.name).toBe('test_mnk_input');
    expect(spec.inputs).toEqual({ 'Test 1_in': { shape: [128, 256] } });
    expect(spec.layers[0]).toEqual({
      type: 'dense',
      name: 'Test 1',
      input: 'Test 1_in',
      outFeatures: 64,
      bias: false,
      source: 'SCALE-Sim topology test_mnk_input.csv line 2',
    });
  });
});

const HEADER = 'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n';

describe('parseScalesimTopology details', () => {
  it('detects the GEMM form from the header, and obeys an explicit gemm option', () => {
    expect(parseScalesimTopology('Layer, M, N, K,\nfc, 2, 3, 4,\n', 'g.csv')[0]).toMatchObject({
      form: 'gemm',
      m: 2,
      n: 3,
      k: 4,
    });
    expect(parseScalesimTopology('whatever, a, b, c,\nfc, 2, 3, 4,\n', 'g.csv', { gemm: true })[0].form).toBe('gemm');
    const err = userError(() => parseScalesimTopology(`${HEADER}c, 8, 8, 3, 3, 4, 4, 1,\n`, 'c.csv', { gemm: true }));
    expect(err.problems[0]).toMatchObject({ file: 'c.csv', path: 'line 2' });
  });

  it('reads an optional 9th column as the width stride (the 8th is then the height stride)', () => {
    const [l] = parseScalesimTopology(`${HEADER}c, 9, 10, 3, 3, 4, 4, 2, 3,\n`, 'c.csv') as Extract<
      ScalesimLayer,
      { form: 'conv' }
    >[];
    expect([l.strideHeight, l.strideWidth]).toEqual([2, 3]);
    const spec = topologyToWorkload(`${HEADER}c, 9, 10, 3, 3, 4, 4, 2, 3,\n`, 'c.csv');
    const layer = spec.layers[0] as unknown as ImportedLayer;
    expect(layer).toMatchObject({ stride: [2, 3], padding: [0, 0, 0, 2] });
    expect(gemmOf(layer, spec)).toMatchObject({ outH: 4, outW: 4 }); // ceil(6/2)+1, ceil(7/3)+1
  });

  it('accepts rows without the trailing comma, blank lines, CRLF and a BOM', () => {
    const text = `\uFEFF${HEADER.replace('\n', '\r\n')}a, 8, 8, 3, 3, 4, 4, 1\r\n\r\nb, 8, 8, 1, 1, 4, 4, 1,  \r\n`;
    expect(parseScalesimTopology(text, 'c.csv').map((l) => l.name)).toEqual(['a', 'b']);
  });

  it('turns layers named with DP into depthwise convs (SCALE-Sim runs them per channel)', () => {
    const spec = topologyToWorkload(`${HEADER}DP1, 8, 8, 3, 3, 16, 1, 1,\nDP2, 8, 8, 3, 3, 16, 2, 2,\n`, 'c.csv');
    const [dp1, dp2] = spec.layers as unknown as ImportedLayer[];
    expect(dp1).toMatchObject({ type: 'depthwise', kernel: [3, 3], stride: 1, padding: 0 });
    expect(dp1).not.toHaveProperty('multiplier');
    expect(dp2).toMatchObject({ type: 'depthwise', multiplier: 2, stride: 2, padding: [0, 1, 0, 1] });
    // SCALE-Sim: 16 single-channel layers, each Npx × N × (3·3·1).
    expect(gemmOf(dp1, spec).macs).toBe(16 * 6 * 6 * 1 * 9);
    expect(gemmOf(dp2, spec).macs).toBe(16 * 4 * 4 * 2 * 9);
    expect(() => validateAgainst(WorkloadSpec, spec, 'c.csv')).not.toThrow();
  });

  it('makes duplicate and empty layer names unique, and keeps graph inputs apart from layer names', () => {
    const spec = topologyToWorkload(
      `${HEADER}a, 8, 8, 1, 1, 4, 4, 1,\na, 8, 8, 1, 1, 4, 4, 1,\n, 8, 8, 1, 1, 4, 4, 1,\na_in, 8, 8, 1, 1, 4, 4, 1,\n`,
      'c.csv',
    );
    const layers = spec.layers as unknown as ImportedLayer[];
    expect(layers.map((l) => l.name)).toEqual(['a', 'a_2', 'layer3', 'a_in']);
    const tensors = [...layers.map((l) => l.name), ...Object.keys(spec.inputs)];
    expect(new Set(tensors).size).toBe(tensors.length);
  });
});

describe('parseScalesimTopology rejects bad rows with line and column', () => {
  it.each([
    ['c, 8, 8, 3, 3, 4, 4,', 'line 2', 'expected 8 columns'],
    ['c, 8, 8, 3, 3, 4, 4, 1, 1, 1,', 'line 2', 'got 10'],
    ['c, 8, 8x, 3, 3, 4, 4, 1,', 'line 2, column "IFMAP Width"', 'whole number'],
    ['c, 8, 8, 3, 3, 4, 4, 1.5,', 'line 2, column "Strides"', 'whole number'],
    ['c, 8, 8, 3, 3, 0, 4, 1,', 'line 2, column "Channels"', '≥ 1'],
    ['c, 8, 8, 3, 3, 4, 4, 0,', 'line 2, column "Strides"', '≥ 1'],
    ['c, 8, 8, 3, 3, 4, 4, 1, 0,', 'line 2, column "Width stride"', '≥ 1'],
    ['c, 2, 8, 3, 3, 4, 4, 1,', 'line 2, column "Filter Height"', 'larger than the IFMAP height'],
    ['c, 8, 2, 3, 3, 4, 4, 1,', 'line 2, column "Filter Width"', 'larger than the IFMAP width'],
  ])('conv row "%s" fails at %s', (row, path, message) => {
    const err = userError(() => parseScalesimTopology(`${HEADER}${row}\n`, 'c.csv'));
    expect(err.problems[0]).toMatchObject({ file: 'c.csv', path });
    expect(err.message).toContain(message);
  });

  it.each([
    ['fc, 2, 3,', 'line 3', 'expected 4 columns'],
    ['fc, 2, 0, 4,', 'line 3, column "N"', '≥ 1'],
    ['fc, 2, three, 4,', 'line 3, column "N"', 'whole number'],
  ])('GEMM row "%s" fails at %s', (row, path, message) => {
    const err = userError(() => parseScalesimTopology(`Layer, M, N, K,\nok, 1, 1, 1,\n${row}\n`, 'g.csv'));
    expect(err.problems[0]).toMatchObject({ file: 'g.csv', path });
    expect(err.message).toContain(message);
  });

  it('rejects an empty file, a file with no layers, and a missing header', () => {
    expect(userError(() => parseScalesimTopology('\n\n', 'e.csv')).message).toContain('empty');
    expect(userError(() => parseScalesimTopology(HEADER, 'e.csv')).message).toContain('no layers');
    expect(userError(() => parseScalesimTopology('c, 8, 8, 3, 3, 4, 4, 1,\n', 'e.csv')).message).toContain(
      'expected a header line',
    );
  });
});
