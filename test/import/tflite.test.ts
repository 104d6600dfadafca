import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { importModelFile } from '../../src/import/import-model.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { readTflite } from '../../src/import/tflite/tflite-model.js';

const models = 'test/fixtures/models';

describe('import tflite: BlazeFace (MediaPipe face detection, short range)', () => {
  const file = `${models}/face_detection_short_range.tflite`;

  it('reads the schema tables: its operators by name, tensors with shapes, fp16 weights behind DEQUANTIZE', () => {
    const g = readTflite(readFileSync(file), file);
    const count = (op: string) => g.operators.filter((o) => o.op === op).length;
    expect([count('CONV_2D'), count('DEPTHWISE_CONV_2D'), count('DEQUANTIZE'), count('ADD')]).toEqual([21, 16, 74, 16]);
    expect(g.tensors[g.inputs[0]]).toMatchObject({ name: 'input', shape: [1, 128, 128, 3], type: 'float32' });
  });

  it('gives each layer the MACs a hand count gives (NHWC read as NCHW), with fp16 weights', () => {
    const { workload } = importModelFile(file);
    expect(workload.inputs).toEqual({ input: { shape: [1, 3, 128, 128] } });
    const g = loadWorkload(file);
    const macs = (name: string) => g.layers.find((l) => l.name === name)!.macs;
    // 5×5/2 conv, 3 → 24 channels, SAME: 64 × 64 outputs.
    expect(macs('conv2d')).toBe(64 * 64 * 24 * 5 * 5 * 3);
    // 3×3 depthwise on 24 channels, then a 1×1 conv 24 → 24, both at 64 × 64.
    expect(macs('depthwise_conv2d')).toBe(64 * 64 * 24 * 9);
    expect(macs('conv2d_1')).toBe(64 * 64 * 24 * 24);
    expect(g.layers.filter((l) => l.macs > 0)).toHaveLength(37); // 21 convolutions + 16 depthwise
    expect(g.totals.macs).toBe(30_760_960);
    expect(workload.layers.find((l) => l.name === 'conv2d')).toMatchObject({
      type: 'conv2d',
      precision: 'fp16',
      padding: 'same',
      stride: 2,
    });
  });

  it('simulates on an fp16 engine as it is, and on an int8-only one with --precision int8', async () => {
    const run = async (...argv: string[]) => {
      let err = '';
      const code = await main(argv, { out: () => {}, err: (t) => void (err += t) });
      return { code, err };
    };
    expect((await run('simulate', '-a', 'apple-ane', '-w', file, '--json')).code).toBe(0);
    const int8Only = await run('simulate', '-a', 'edge-tpu', '-w', file, '--json');
    expect(int8Only).toEqual({
      code: 2,
      err: expect.stringMatching(/layer "conv2d" needs fp16 MACs but the array runs only: int8/),
    });
    expect((await run('simulate', '-a', 'edge-tpu', '-w', file, '--precision', 'int8', '--json')).code).toBe(0);
  });
});

describe('import tflite: pruned weights in the sparse format', () => {
  const file = `${models}/face_detection_full_range_sparse.tflite`;

  it('measures the density of every sparse weight tensor from the values it stores', () => {
    const g = readTflite(readFileSync(file), file);
    const sparseTensors = g.tensors.filter((t) => t.sparse);
    expect(sparseTensors).toHaveLength(46);
    const layers = loadWorkload(file).layers.filter((l) => l.sparsity.weight.density < 1);
    expect(layers).toHaveLength(46);
    for (const l of layers) {
      // About 70 % pruned, and a whole number of kept weights.
      expect(l.sparsity.weight.density).toBeGreaterThan(0.25);
      expect(l.sparsity.weight.density).toBeLessThan(0.35);
      const kept = l.sparsity.weight.density * l.weightElements;
      expect(Math.abs(kept - Math.round(kept))).toBeLessThan(1e-6);
    }
  });
});

describe('import tflite: MediaPipe selfie segmentation (a transposed convolution in a custom op)', () => {
  const file = `${models}/selfie_segmentation.tflite`;

  it('reads Convolution2DTransposeBias as a transposed convolution: 128×128×16 → 256×256×1 by 2×2 stride 2', () => {
    const g = loadWorkload(file);
    const segment = g.layers.find((l) => l.name === 'segment')!;
    expect([segment.type, segment.inputShapes[0], segment.outputShape]).toEqual([
      'conv2dTranspose',
      [1, 16, 128, 128],
      [1, 1, 256, 256],
    ]);
    // Every input pixel's 16 channels times the 1 × 2 × 2 kernel.
    expect(segment.macs).toBe(128 * 128 * 16 * 2 * 2);
    expect(segment.weightElements).toBe(16 * 2 * 2);
  });
});

describe('import tflite: what it cannot read', () => {
  it('lists a custom operator it does not know by name and count; --allow-unsupported runs it as data movement', () => {
    // The selfie model with its custom operator renamed, byte for byte.
    const bytes = Buffer.from(readFileSync(`${models}/selfie_segmentation.tflite`));
    const at = bytes.indexOf('Convolution2DTransposeBias');
    expect(at).toBeGreaterThan(0);
    bytes.write('X', at);
    const dir = mkdtempSync(join(tmpdir(), 'pj-tflite-'));
    const file = join(dir, 'renamed.tflite');
    writeFileSync(file, bytes);
    expect(() => importModelFile(file)).toThrow(/operators the importer does not support: CUSTOM:Xonvolution2DTransposeBias ×1/);
    const r = importModelFile(file, { allowUnsupported: true });
    expect(r.notes.join('\n')).toMatch(/CUSTOM:Xonvolution2DTransposeBias ×1/);
    const written = join(dir, 'selfie.json');
    writeFileSync(written, JSON.stringify(r.workload));
    expect(loadWorkload(written).totals.macs).toBe(
      loadWorkload(`${models}/selfie_segmentation.tflite`).totals.macs - 128 * 128 * 16 * 4,
    );
  });

  it('says what a TFLite model given as a JSON workload is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pj-tflite-'));
    const file = join(dir, 'model.json');
    writeFileSync(file, readFileSync(`${models}/face_detection_short_range.tflite`));
    expect(() => loadWorkload(file)).toThrow(
      /this is a TFLite model, not JSON; name it \.tflite to use it as --workload, or run `picojoule import tflite`/,
    );
  });

  it('refuses --input-shape (a TFLite model fixes its shapes) and a truncated file', () => {
    expect(() =>
      importModelFile(`${models}/face_detection_short_range.tflite`, { inputShapes: { input: [1, 3, 64, 64] } }),
    ).toThrow(/--input-shape: a TFLite model fixes its input shapes/);
    const bytes = readFileSync(`${models}/face_detection_short_range.tflite`);
    expect(() => readTflite(bytes.subarray(0, 100), 'cut.tflite')).toThrow(/cut\.tflite: is not a readable TFLite model/);
  });
});
