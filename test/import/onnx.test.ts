import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importModelFile } from '../../src/import/import-model.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { UserError } from '../../src/config/user-error.js';
import type { LayerSpec } from '../../src/config/schemas/workload.js';
import { buildOnnx, builtinAsOnnx, constantNode, type NodeSpec, type TensorSpec } from '../helpers/onnx-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'pj-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const save = (bytes: Uint8Array) => {
  const file = join(dir, `m${++files}.onnx`);
  writeFileSync(file, bytes);
  return file;
};
const macsOf = (file: string) => loadWorkload(file).totals.macs;

/** conv(3→8, 3×3, pad 1) + BN + ReLU, 1×1 conv + BN, residual add, ReLU, global pool, flatten, FC 8→10. */
function resnetStyle(weights: 'initializers' | 'constants'): Uint8Array {
  const tensors: TensorSpec[] = [
    { name: 'w1', dims: [8, 3, 3, 3] },
    { name: 'b1', dims: [8] },
    ...['s1', 'o1', 'm1', 'v1', 's2', 'o2', 'm2', 'v2'].map((name) => ({ name, dims: [8] })),
    { name: 'w2', dims: [8, 8, 1, 1] },
    { name: 'fcw', dims: [10, 8] },
    { name: 'fcb', dims: [10] },
  ];
  const nodes: NodeSpec[] = [
    {
      op: 'Conv',
      name: 'stem/conv',
      inputs: ['x', 'w1', 'b1'],
      outputs: ['c1'],
      attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
    },
    { op: 'BatchNormalization', inputs: ['c1', 's1', 'o1', 'm1', 'v1'], outputs: ['bn1'] },
    { op: 'Relu', inputs: ['bn1'], outputs: ['r1'] },
    { op: 'Conv', name: 'block/conv1x1', inputs: ['r1', 'w2'], outputs: ['c2'] },
    { op: 'BatchNormalization', inputs: ['c2', 's2', 'o2', 'm2', 'v2'], outputs: ['bn2'] },
    { op: 'Add', name: 'block/add', inputs: ['bn2', 'r1'], outputs: ['sum'] },
    { op: 'Relu', name: 'block/relu', inputs: ['sum'], outputs: ['r2'] },
    { op: 'GlobalAveragePool', name: 'pool', inputs: ['r2'], outputs: ['p'] },
    { op: 'Flatten', name: 'flatten', inputs: ['p'], outputs: ['f'] },
    { op: 'Gemm', name: 'fc', inputs: ['f', 'fcw', 'fcb'], outputs: ['y'], attrs: { transB: 1 } },
  ];
  return weights === 'initializers'
    ? buildOnnx({ inputs: [{ name: 'x', dims: [1, 3, 16, 16] }], initializers: tensors, nodes, outputs: ['y'] })
    : buildOnnx({
        inputs: [{ name: 'x', dims: [1, 3, 16, 16] }],
        nodes: [...tensors.map(constantNode), ...nodes],
        outputs: ['y'],
      });
}

// Hand count: 16·16·8 outputs × 3·3·3 taps, 16·16·8 × 8, and 8 × 10.
const RESNET_STYLE_MACS = 16 * 16 * 8 * 27 + 16 * 16 * 8 * 8 + 8 * 10;

describe('import onnx: a real model', () => {
  const file = 'test/fixtures/models/hello_deepa.onnx';

  it("openWakeWord's MLP: its three Gemms' MACs, LayerNorm's written-out steps as vector work, names from the model", () => {
    const { workload, notes } = importModelFile(file);
    const layers = workload.layers;
    expect(layers.filter((l) => l.type === 'dense').map((l) => l.name)).toEqual([
      '/layer1/Gemm',
      '/blocks.0/fcn_layer/Gemm',
      '/last_layer/Gemm',
    ]);
    expect(layers.filter((l) => l.type === 'reduce')).toHaveLength(4); // two ReduceMean per LayerNorm
    expect(layers.find((l) => l.name === '/last_layer/Gemm')).toBeDefined(); // its Sigmoid folds into it
    expect(layers.some((l) => l.name.includes('Sigmoid'))).toBe(false);
    expect(layers).toHaveLength(24);
    expect(workload.inputs).toEqual({ 'onnx::Flatten_0': { shape: [1, 25, 96] } });
    // 25·96 inputs to 32, 32 to 32, 32 to 1.
    expect(macsOf(file)).toBe(25 * 96 * 32 + 32 * 32 + 32);
    expect(notes.some((n) => /fp32 weights/.test(n))).toBe(true);
  });
});

describe("import onnx: PaddleOCR's text-direction classifier (Paddle2ONNX, opset 9)", () => {
  const file = 'test/fixtures/models/ch_ppocr_mobile_v2.0_cls_infer.onnx';

  it('needs its symbolic input sizes, and says so', () => {
    expect(() => importModelFile(file)).toThrow(/symbolic dimensions were set to 1: give the real sizes with --input-shape/);
  });

  it('at 48 × 192: BatchNormalization folded into the convolutions it follows, hand-counted ends', () => {
    const { workload } = importModelFile(file, { inputShapes: { x: [1, 3, 48, 192] } });
    expect(workload.layers.some((l) => l.source?.includes('(BatchNormalization)'))).toBe(false);
    const written = join(dir, 'cls.json');
    writeFileSync(written, JSON.stringify(workload));
    const g = loadWorkload(written);
    const first = g.layers[0];
    // 3×3/2 conv, 3 → 8 channels: 24 × 96 outputs.
    expect([first.name, first.outputShape, first.macs]).toEqual(['p2o.Conv.0', [1, 8, 24, 96], 24 * 96 * 8 * 27]);
    const fc = g.layers.find((l) => l.name === 'p2o.MatMul.0')!;
    expect([fc.type, fc.macs]).toEqual(['dense', 200 * 2]);
    expect(g.layers.filter((l) => ['conv2d', 'pointwise', 'depthwise'].includes(l.type))).toHaveLength(53);
    expect(g.totals.macs).toBe(16_315_376);
  });
});

describe('import onnx: graphs built here, whose MACs and zeros are known', () => {
  it('folds BatchNormalization and ReLU into the convolutions, keeps the residual add, and counts MACs exactly', () => {
    const file = save(resnetStyle('initializers'));
    const { workload } = importModelFile(file);
    expect(workload.layers.map((l) => [l.name, l.type])).toEqual([
      ['stem/conv', 'conv2d'],
      ['block/conv1x1', 'pointwise'],
      ['block/add', 'add'],
      ['block/relu', 'activation'],
      ['pool', 'avgpool'],
      ['flatten', 'flatten'],
      ['fc', 'dense'],
    ]);
    expect(macsOf(file)).toBe(RESNET_STYLE_MACS);
  });

  it('reads weights given in Constant nodes as it reads initializers', () => {
    const a = importModelFile(save(resnetStyle('initializers'))).workload.layers;
    const file = save(resnetStyle('constants'));
    expect(importModelFile(file).workload.layers).toEqual(a);
    expect(macsOf(file)).toBe(RESNET_STYLE_MACS);
  });

  it('measures the density of pruned weights exactly and recognises 2:4 along the input channels', () => {
    const conv = (fill: (i: number) => number) =>
      save(
        buildOnnx({
          inputs: [{ name: 'x', dims: [1, 8, 4, 4] }],
          initializers: [{ name: 'w', dims: [16, 8, 1, 1], fill }],
          nodes: [{ op: 'Conv', name: 'pw', inputs: ['x', 'w'], outputs: ['y'] }],
          outputs: ['y'],
        }),
      );
    // Element i is output o = i / 8, input channel c = i % 8: keep c % 4 in {0, 1}.
    const twoOfFour = importModelFile(conv((i) => ((i % 8) % 4 < 2 ? 3 : 0))).workload.layers[0];
    expect(twoOfFour.sparsity).toEqual({ weight: { density: 0.5, structure: '2:4' } });
    // Every third weight zero: 43 of 128 (i = 0, 3, …, 126), no N:M pattern.
    const unstructured = importModelFile(conv((i) => (i % 3 === 0 ? 0 : 1))).workload.layers[0];
    expect(unstructured.sparsity).toEqual({ weight: { density: (128 - 43) / 128 } });
    // Dense weights: no sparsity written.
    expect(importModelFile(conv(() => 1)).workload.layers[0].sparsity).toBeUndefined();
    // The measured density reaches the simulation.
    expect(loadWorkload(conv((i) => ((i % 8) % 4 < 2 ? 3 : 0))).layers[0].sparsity.weight).toEqual({
      density: 0.5,
      structure: '2:4',
    });
  });

  it('reads ConvTranspose as a transposed convolution: MACs = input pixels × inC × outC × kernel', () => {
    const file = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 8, 10, 10] }],
        initializers: [{ name: 'w', dims: [8, 4, 3, 3] }],
        nodes: [
          {
            op: 'ConvTranspose',
            name: 'up',
            inputs: ['x', 'w'],
            outputs: ['y'],
            attrs: { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] },
          },
        ],
        outputs: ['y'],
      }),
    );
    const [up] = loadWorkload(file).layers;
    // (10 − 1)·2 + 3 − 2 + 1 = 20 on each axis.
    expect([up.type, up.outputShape]).toEqual(['conv2dTranspose', [1, 4, 20, 20]]);
    expect(up.macs).toBe(10 * 10 * 8 * 4 * 3 * 3);
    expect(up.weightElements).toBe(8 * 4 * 9);
  });

  it('takes int8 weights (a quantized model) as int8', () => {
    const file = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 16] }],
        initializers: [{ name: 'w', dims: [16, 4], type: 'int8' }],
        nodes: [{ op: 'MatMul', name: 'fc', inputs: ['x', 'w'], outputs: ['y'] }],
        outputs: ['y'],
      }),
    );
    const [fc] = importModelFile(file).workload.layers;
    expect(fc).toMatchObject({ type: 'dense', outFeatures: 4, precision: 'int8', bias: false });
  });

  it('reads a quantized graph (QuantizeLinear/DequantizeLinear pairs, QLinearConv) as int8 convolutions', () => {
    const scalars: TensorSpec[] = [
      { name: 's', dims: [] },
      { name: 'z', dims: [], type: 'int8', fill: () => 0 },
    ];
    const qdq = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 4, 8, 8] }],
        initializers: [...scalars, { name: 'w', dims: [8, 4, 3, 3], type: 'int8' }],
        nodes: [
          { op: 'QuantizeLinear', inputs: ['x', 's', 'z'], outputs: ['xq'] },
          { op: 'DequantizeLinear', inputs: ['xq', 's', 'z'], outputs: ['xd'] },
          { op: 'DequantizeLinear', inputs: ['w', 's', 'z'], outputs: ['wd'] },
          { op: 'Conv', name: 'conv', inputs: ['xd', 'wd'], outputs: ['y'], attrs: { pads: [1, 1, 1, 1] } },
        ],
        outputs: ['y'],
      }),
    );
    const r = importModelFile(qdq);
    expect(r.workload.layers).toMatchObject([{ name: 'conv', type: 'conv2d', precision: 'int8' }]);
    expect(r.notes.join('\n')).toMatch(/activations read as int8/);
    expect(macsOf(qdq)).toBe(8 * 8 * 8 * 4 * 9);
    const qlinear = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 4, 8, 8] }],
        initializers: [...scalars, { name: 'w', dims: [8, 4, 3, 3], type: 'int8' }],
        nodes: [
          {
            op: 'QLinearConv',
            name: 'qconv',
            inputs: ['x', 's', 'z', 'w', 's', 'z', 's', 'z'],
            outputs: ['y'],
            attrs: { pads: [1, 1, 1, 1] },
          },
        ],
        outputs: ['y'],
      }),
    );
    expect(importModelFile(qlinear).workload.layers).toMatchObject([{ name: 'qconv', type: 'conv2d', precision: 'int8' }]);
    expect(macsOf(qlinear)).toBe(8 * 8 * 8 * 4 * 9);
  });

  it('evaluates shape arithmetic (Shape → Gather → Unsqueeze → Concat → Reshape) as constants', () => {
    const file = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 8, 4, 4] }],
        initializers: [
          { name: 'zero', dims: [], type: 'int64', fill: () => 0 },
          { name: 'minus1', dims: [1], type: 'int64', fill: () => -1 },
          { name: 'w', dims: [128, 10] },
        ],
        nodes: [
          { op: 'Shape', inputs: ['x'], outputs: ['s'] },
          { op: 'Gather', inputs: ['s', 'zero'], outputs: ['n'], attrs: { axis: 0 } },
          { op: 'Unsqueeze', inputs: ['n'], outputs: ['n1'], attrs: { axes: [0] } },
          { op: 'Concat', inputs: ['n1', 'minus1'], outputs: ['shape'], attrs: { axis: 0 } },
          { op: 'Reshape', name: 'reshape', inputs: ['x', 'shape'], outputs: ['r'] },
          { op: 'MatMul', name: 'fc', inputs: ['r', 'w'], outputs: ['y'] },
        ],
        outputs: ['y'],
        opset: 11,
      }),
    );
    const layers = importModelFile(file).workload.layers;
    expect(layers.map((l) => l.type)).toEqual(['reshape', 'dense']);
    expect((layers[0] as Extract<LayerSpec, { type: 'reshape' }>).shape).toEqual([1, 128]);
    expect(macsOf(file)).toBe(128 * 10);
  });

  it('sets a symbolic batch dimension to 1 with a note, or to the shape given', () => {
    const file = save(
      buildOnnx({
        inputs: [{ name: 'x', dims: ['batch', 16] }],
        initializers: [{ name: 'w', dims: [16, 4] }],
        nodes: [{ op: 'MatMul', name: 'fc', inputs: ['x', 'w'], outputs: ['y'] }],
        outputs: ['y'],
      }),
    );
    const r = importModelFile(file);
    expect(r.workload.inputs).toEqual({ x: { shape: [1, 16] } });
    expect(r.notes.join('\n')).toMatch(/symbolic dimension "batch" set to 1/);
    expect(importModelFile(file, { inputShapes: { x: [3, 16] } }).workload.inputs).toEqual({ x: { shape: [3, 16] } });
    expect(() => importModelFile(file, { inputShapes: { nope: [1] } })).toThrow(
      /"nope", which is not an input of the model \(inputs: x\)/,
    );
  });
});

describe('import onnx: models it cannot read', () => {
  const fancy = () =>
    save(
      buildOnnx({
        inputs: [{ name: 'x', dims: [1, 16] }],
        initializers: [{ name: 'w', dims: [16, 4] }],
        nodes: [
          { op: 'FancyOp', name: 'f1', inputs: ['x'], outputs: ['a'] },
          { op: 'FancyOp', name: 'f2', inputs: ['a'], outputs: ['b'] },
          { op: 'Hardmax', name: 'h', inputs: ['b'], outputs: ['c'] },
          { op: 'MatMul', name: 'fc', inputs: ['c', 'w'], outputs: ['y'] },
        ],
        outputs: ['y'],
      }),
    );

  it('lists every unsupported operator by name and count in one message', () => {
    const file = fancy();
    expect(() => importModelFile(file)).toThrow(UserError);
    expect(() => importModelFile(file)).toThrow(
      /operators the importer does not support: FancyOp ×2, Hardmax ×1; `picojoule import onnx --allow-unsupported` writes/,
    );
  });

  it('with allowUnsupported, runs them as zero-MAC vector work and says so', () => {
    const r = importModelFile(fancy(), { allowUnsupported: true });
    expect(r.workload.layers.map((l) => [l.name, l.type])).toEqual([
      ['f1', 'elementwise'],
      ['f2', 'elementwise'],
      ['h', 'elementwise'],
      ['fc', 'dense'],
    ]);
    expect(r.notes.join('\n')).toMatch(/zero-MAC vector work .*FancyOp ×2, Hardmax ×1 \(3 of 4 layers, 75 %\)/);
  });

  it('refuses a truncated model or a file that is not one, naming the file', () => {
    const whole = resnetStyle('initializers');
    const cut = save(whole.slice(0, Math.floor(whole.length / 2)));
    expect(() => importModelFile(cut)).toThrow(new RegExp(`${cut}: is not a readable ONNX model`));
    const text = join(dir, 'notes.onnx');
    writeFileSync(text, 'hello, not a model');
    expect(() => importModelFile(text)).toThrow(UserError);
  });

  it('says what a model file given as a JSON workload is', () => {
    const file = join(dir, 'model.json');
    writeFileSync(file, readFileSync('test/fixtures/models/hello_deepa.onnx'));
    expect(() => loadWorkload(file)).toThrow(/this is an ONNX model, not JSON; name it \.onnx to use it as --workload/);
  });
});

describe('import onnx: the built-in networks, exported and imported again', () => {
  it.each(['mobilenet-v2', 'resnet-18'])('%s: the same layers, MACs and weights as the built-in', (name) => {
    const file = save(builtinAsOnnx(name));
    const imported = loadWorkload(file);
    const builtin = loadWorkload(name);
    expect(imported.totals.macs).toBe(builtin.totals.macs);
    expect(imported.layers.map((l) => l.macs)).toEqual(builtin.layers.map((l) => l.macs));
    expect(imported.layers.map((l) => l.weightElements)).toEqual(builtin.layers.map((l) => l.weightElements));
    expect(imported.layers.every((l) => l.precision.weight === 'int8')).toBe(true);
  });
});
