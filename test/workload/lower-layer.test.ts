import { describe, expect, it } from '@jest/globals';
import type { LayerSpec } from '../../src/config/schemas/workload.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import type { Layer } from '../../src/workload/graph.js';
import { lowerLayer } from '../../src/workload/lower-layer.js';

/** The last layer of a one-input workload (and its extra inputs). */
function layerOf(shape: number[], layers: LayerSpec[], extra: Record<string, number[]> = {}): Layer {
  const inputs = Object.fromEntries(Object.entries({ x: shape, ...extra }).map(([k, s]) => [k, { shape: s }]));
  const g = buildGraph({ version: 1, name: 't', inputs, layers }, 't.json');
  return g.layers[g.layers.length - 1];
}

describe('lowerLayer: convolutions become im2col GEMMs, one per group', () => {
  it('conv2d 3→8, 3×3 stride 2 pad 1 on 16×16: m = 8·8 pixels, k = 3·3·3, n = 8', () => {
    const l = layerOf([1, 3, 16, 16], [{ type: 'conv2d', name: 'c', outChannels: 8, kernel: 3, stride: 2, padding: 1 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 64, n: 8, k: 27, instances: 1 }, weightIsParameter: true });
  });

  it('grouped conv2d, batch 2, 8→12 in 4 groups, 3×3 on 5×5: 4 GEMMs of m = 2·3·3, k = 2·3·3, n = 3', () => {
    const l = layerOf([2, 8, 5, 5], [{ type: 'conv2d', name: 'c', outChannels: 12, groups: 4, kernel: 3 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 18, n: 3, k: 18, instances: 4 }, weightIsParameter: true });
  });

  it('depthwise ×2 on 6 channels, 3×3 pad 1 on 4×4: 6 GEMMs of m = 16, k = 9, n = 2', () => {
    const l = layerOf([1, 6, 4, 4], [{ type: 'depthwise', name: 'd', kernel: 3, padding: 1, multiplier: 2 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 16, n: 2, k: 9, instances: 6 }, weightIsParameter: true });
    expect(l.macs).toBe(6 * 16 * 2 * 9);
  });

  it('pointwise 4→7 stride 2 on 5×5: m = 3·3, k = 4, n = 7', () => {
    const l = layerOf([1, 4, 5, 5], [{ type: 'pointwise', name: 'p', outChannels: 7, stride: 2 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 9, n: 7, k: 4, instances: 1 }, weightIsParameter: true });
  });

  it('the GEMM always does the layer’s MACs: instances · m · n · k', () => {
    const l = layerOf([2, 8, 5, 5], [{ type: 'conv2d', name: 'c', outChannels: 12, groups: 4, kernel: 3 }]);
    const w = lowerLayer(l);
    if (w.kind !== 'gemm') throw new Error('expected a GEMM');
    expect(w.gemm.instances * w.gemm.m * w.gemm.n * w.gemm.k).toBe(l.macs);
  });
});

describe('lowerLayer: matrix products', () => {
  it('dense on [2, 5, 10] → 3 features: one GEMM of m = 2·5 rows, k = 10, n = 3, B = parameters', () => {
    const l = layerOf([2, 5, 10], [{ type: 'dense', name: 'fc', outFeatures: 3 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 10, n: 3, k: 10, instances: 1 }, weightIsParameter: true });
  });

  it('matmul of two activations [2, 3, 4] · [2, 4, 5]: 2 GEMMs of 3×4·4×5, B is an activation', () => {
    const l = layerOf([2, 3, 4], [{ type: 'matmul', name: 'mm', inputs: ['x', 'y'] }], { y: [2, 4, 5] });
    expect(lowerLayer(l)).toEqual({ kind: 'gemm', gemm: { m: 3, n: 5, k: 4, instances: 2 }, weightIsParameter: false });
  });
});

describe('lowerLayer: vector work and views', () => {
  it('add of two [1, 4, 3, 3] tensors: 36 element ops on the vector unit', () => {
    const l = layerOf([1, 4, 3, 3], [{ type: 'add', name: 'a', inputs: ['x', 'x'] }]);
    expect(lowerLayer(l)).toEqual({ kind: 'vector', ops: 36 });
  });

  it('maxpool 2×2 stride 2 on [1, 3, 4, 4]: 3·2·2 outputs × 4 compares', () => {
    const l = layerOf([1, 3, 4, 4], [{ type: 'maxpool', name: 'p', kernel: 2, stride: 2 }]);
    expect(lowerLayer(l)).toEqual({ kind: 'vector', ops: 12 * 4 });
  });

  it('flatten and reshape are views: no work', () => {
    expect(lowerLayer(layerOf([1, 3, 4, 4], [{ type: 'flatten', name: 'f' }]))).toEqual({ kind: 'none' });
    expect(lowerLayer(layerOf([1, 3, 4, 4], [{ type: 'reshape', name: 'r', shape: [3, -1] }]))).toEqual({ kind: 'none' });
  });
});
