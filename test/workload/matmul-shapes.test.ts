import { describe, expect, it } from '@jest/globals';
import { graphOf, lastLayer } from './helpers.js';

describe('dense', () => {
  it('on [N, K]: MACs = N·K·outFeatures, weights K·outFeatures, bias outFeatures', () => {
    const l = lastLayer([2, 16], [{ type: 'dense', name: 'fc', outFeatures: 10 }]);
    expect(l.outputShape).toEqual([2, 10]);
    expect(l.macs).toBe(2 * 16 * 10);
    expect(l.weightElements).toBe(160);
    expect(l.biasElements).toBe(10);
    expect(l.op).toEqual({ kind: 'matmul', batch: 1, m: 2, n: 10, k: 16, weightOperand: true });
  });

  it('on [N, S, K] applies to the last dimension with N·S rows', () => {
    const l = lastLayer([1, 128, 768], [{ type: 'dense', name: 'q', outFeatures: 768, bias: false }]);
    expect(l.outputShape).toEqual([1, 128, 768]);
    expect(l.macs).toBe(128 * 768 * 768);
    expect(l.biasElements).toBe(0);
    expect(l.op).toMatchObject({ m: 128, k: 768, n: 768 });
  });
});

describe('matmul', () => {
  it('multiplies two activations [b, M, K]·[b, K, N] with no parameters: MACs = b·M·N·K', () => {
    const g = graphOf([2, 3, 4], [{ type: 'matmul', name: 'mm', inputs: ['x', 'y'] }], { y: [2, 4, 5] });
    const l = g.layers[0];
    expect(l.outputShape).toEqual([2, 3, 5]);
    expect(l.macs).toBe(2 * 3 * 5 * 4);
    expect(l.weightElements + l.biasElements).toBe(0);
    expect(l.op).toEqual({ kind: 'matmul', batch: 2, m: 3, n: 5, k: 4, weightOperand: false });
  });

  it('reads B as [..., N, K] with transposeB (attention scores Q·Kᵀ)', () => {
    const g = graphOf([1, 12, 128, 64], [{ type: 'matmul', name: 'scores', inputs: ['x', 'k'], transposeB: true }], {
      k: [1, 12, 128, 64],
    });
    expect(g.layers[0].outputShape).toEqual([1, 12, 128, 128]);
    expect(g.layers[0].op).toMatchObject({ batch: 12, m: 128, n: 128, k: 64 });
  });

  it('works on plain 2-D matrices (batch 1)', () => {
    const g = graphOf([3, 4], [{ type: 'matmul', name: 'mm', inputs: ['x', 'y'] }], { y: [4, 2] });
    expect(g.layers[0].op).toMatchObject({ batch: 1, m: 3, n: 2, k: 4 });
  });
});
