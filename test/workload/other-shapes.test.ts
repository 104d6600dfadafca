import { describe, expect, it } from '@jest/globals';
import { graphOf, lastLayer } from './helpers.js';

describe('pooling', () => {
  it('maxpool strides by the kernel by default and does no MACs; one op per window element', () => {
    const l = lastLayer([1, 4, 8, 8], [{ type: 'maxpool', name: 'p', kernel: 2 }]);
    expect(l.outputShape).toEqual([1, 4, 4, 4]);
    expect(l.macs).toBe(0);
    expect(l.op).toEqual({ kind: 'elementwise', elements: 64, opsPerElement: 4 });
  });

  it('takes stride and padding (ResNet stem maxpool 3x3/2 pad 1: 112 → 56)', () => {
    expect(lastLayer([1, 64, 112, 112], [{ type: 'maxpool', name: 'p', kernel: 3, stride: 2, padding: 1 }]).outputShape).toEqual([
      1, 64, 56, 56,
    ]);
  });

  it('global avgpool reduces H×W to 1×1, H·W ops per output', () => {
    const l = lastLayer([1, 16, 7, 7], [{ type: 'avgpool', name: 'p', global: true }]);
    expect(l.outputShape).toEqual([1, 16, 1, 1]);
    expect(l.op).toEqual({ kind: 'elementwise', elements: 16, opsPerElement: 49 });
  });
});

describe('element-wise layers', () => {
  it('add of equal shapes keeps the shape: one op per element per extra input, no MACs', () => {
    const g = graphOf([1, 4, 2, 2], [{ type: 'add', name: 'a', inputs: ['x', 'y', 'z'] }], { y: [1, 4, 2, 2], z: [1, 4, 2, 2] });
    expect(g.layers[0].outputShape).toEqual([1, 4, 2, 2]);
    expect(g.layers[0].op).toEqual({ kind: 'elementwise', elements: 16, opsPerElement: 2 });
    expect(g.layers[0].activationElements).toBe(64);
  });

  it('softmax, layernorm and activations keep the shape with their documented op counts', () => {
    const g = graphOf(
      [1, 3, 8],
      [
        { type: 'softmax', name: 's' },
        { type: 'layernorm', name: 'ln' },
        { type: 'activation', name: 'g', function: 'gelu' },
        { type: 'activation', name: 'r', function: 'relu' },
      ],
    );
    expect(g.layers.map((l) => l.outputShape)).toEqual([
      [1, 3, 8],
      [1, 3, 8],
      [1, 3, 8],
      [1, 3, 8],
    ]);
    expect(g.layers.map((l) => (l.op.kind === 'elementwise' ? l.op.opsPerElement : undefined))).toEqual([5, 8, 8, 1]);
    expect(g.totals.macs).toBe(0);
  });

  it('layernorm over D has D weights (γ) and D biases (β)', () => {
    const l = lastLayer([1, 128, 768], [{ type: 'layernorm', name: 'ln' }]);
    expect([l.weightElements, l.biasElements]).toEqual([768, 768]);
  });
});

describe('views', () => {
  it('flatten keeps N and multiplies the rest', () => {
    const l = lastLayer([2, 16, 3, 3], [{ type: 'flatten', name: 'f' }]);
    expect(l.outputShape).toEqual([2, 144]);
    expect(l.op).toEqual({ kind: 'view' });
  });

  it('reshape infers the one -1', () => {
    expect(lastLayer([1, 128, 768], [{ type: 'reshape', name: 'r', shape: [1, -1, 12, 64] }]).outputShape).toEqual([
      1, 128, 12, 64,
    ]);
  });

  it('transpose moves input axis perm[i] to position i', () => {
    expect(lastLayer([1, 128, 12, 64], [{ type: 'transpose', name: 't', perm: [0, 2, 3, 1] }]).outputShape).toEqual([
      1, 12, 64, 128,
    ]);
  });

  it('concat adds up the joined axis: channels by default, negative axes from the end', () => {
    const g = graphOf(
      [1, 4, 5, 5],
      [
        { type: 'concat', name: 'c', inputs: ['x', 'y'] },
        { type: 'concat', name: 'w', inputs: ['x', 'x'], axis: -1 },
      ],
      { y: [1, 6, 5, 5] },
    );
    expect(g.layers.map((l) => l.outputShape)).toEqual([
      [1, 10, 5, 5],
      [1, 4, 5, 10],
    ]);
  });
});
