import { describe, expect, it } from '@jest/globals';
import { lastLayer } from './helpers.js';

describe('conv2d', () => {
  it('counts MACs as N·outH·outW·outC·inC·kh·kw and weights as outC·inC·kh·kw, plus a bias per output channel', () => {
    // 1x2x5x5 input, 3x3 kernel, no padding, stride 1 → 3x3 output; 4 output channels.
    const l = lastLayer([1, 2, 5, 5], [{ type: 'conv2d', name: 'c', outChannels: 4, kernel: 3 }]);
    expect(l.outputShape).toEqual([1, 4, 3, 3]);
    expect(l.macs).toBe(3 * 3 * 4 * 2 * 9); // 648
    expect(l.weightElements).toBe(4 * 2 * 9);
    expect(l.biasElements).toBe(4);
    expect(l.activationElements).toBe(50 + 36);
    expect(l.op).toMatchObject({
      kind: 'conv',
      batch: 1,
      inChannels: 2,
      outChannels: 4,
      inH: 5,
      outH: 3,
      kernelH: 3,
      groups: 1,
      padding: [0, 0, 0, 0],
    });
  });

  it('has no bias elements when "bias": false', () => {
    expect(lastLayer([1, 2, 5, 5], [{ type: 'conv2d', name: 'c', outChannels: 4, kernel: 3, bias: false }]).biasElements).toBe(0);
  });

  it('applies stride and padding given as n, [h, w] and [top, bottom, left, right]', () => {
    const conv = (padding: number | [number, number] | [number, number, number, number]) =>
      lastLayer([1, 1, 7, 7], [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 3, stride: 2, padding }]);
    expect(conv(1).outputShape).toEqual([1, 1, 4, 4]); // floor((7+2-3)/2)+1 = 4
    expect(conv([1, 0]).outputShape).toEqual([1, 1, 4, 3]); // W: floor((7-3)/2)+1 = 3
    expect(conv([0, 1, 2, 2]).outputShape).toEqual([1, 1, 3, 5]); // H: floor((7+1-3)/2)+1 = 3; W: floor((7+4-3)/2)+1 = 5
    expect(conv([0, 1, 2, 2]).op).toMatchObject({ padding: [0, 1, 2, 2] });
  });

  it('takes kernel and stride as [height, width]', () => {
    const l = lastLayer([1, 1, 49, 10], [{ type: 'conv2d', name: 'c', outChannels: 8, kernel: [10, 4], stride: [2, 1] }]);
    expect(l.outputShape).toEqual([1, 8, 20, 7]); // floor((49-10)/2)+1 = 20; 10-4+1 = 7
    expect(l.macs).toBe(20 * 7 * 8 * 40);
  });

  it('pads "same" as TensorFlow: output ceil(in/stride), the odd pixel at the bottom/right', () => {
    const l = lastLayer(
      [1, 1, 49, 10],
      [{ type: 'conv2d', name: 'c', outChannels: 64, kernel: [10, 4], stride: 2, padding: 'same' }],
    );
    expect(l.outputShape).toEqual([1, 64, 25, 5]);
    // H: total = (25-1)·2 + 10 - 49 = 9 → 4 top, 5 bottom; W: (5-1)·2 + 4 - 10 = 2 → 1 and 1.
    expect(l.op).toMatchObject({ padding: [4, 5, 1, 1] });
    const even = lastLayer(
      [1, 1, 224, 224],
      [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 3, stride: 2, padding: 'same' }],
    );
    expect(even.outputShape).toEqual([1, 1, 112, 112]);
    expect(even.op).toMatchObject({ padding: [0, 1, 0, 1] });
  });

  it('pads nothing for "valid"', () => {
    expect(
      lastLayer([1, 1, 8, 8], [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 3, padding: 'valid' }]).outputShape,
    ).toEqual([1, 1, 6, 6]);
  });

  it('dilates the kernel: output floor((in + pad - d(k-1) - 1)/s) + 1, MACs by the undilated kernel', () => {
    const l = lastLayer([1, 1, 9, 9], [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 3, dilation: 2 }]);
    expect(l.outputShape).toEqual([1, 1, 5, 5]); // 9 - 2·2 - 1 + 1 = 5
    expect(l.macs).toBe(25 * 9);
    expect(l.op).toMatchObject({ dilationH: 2, dilationW: 2 });
  });

  it('divides the input channels among groups', () => {
    const l = lastLayer([1, 8, 4, 4], [{ type: 'conv2d', name: 'c', outChannels: 4, kernel: 1, groups: 2 }]);
    expect(l.macs).toBe(16 * 4 * (8 / 2));
    expect(l.weightElements).toBe(4 * 4);
    expect(l.op).toMatchObject({ groups: 2 });
  });
});

describe('depthwise', () => {
  it('is a conv with groups = C: one 3x3 filter per channel, 9 MACs per output', () => {
    const l = lastLayer([1, 8, 6, 6], [{ type: 'depthwise', name: 'd', kernel: 3, padding: 1 }]);
    expect(l.outputShape).toEqual([1, 8, 6, 6]);
    expect(l.macs).toBe(8 * 36 * 9);
    expect(l.weightElements).toBe(8 * 9);
    expect(l.biasElements).toBe(8);
    expect(l.op).toMatchObject({ kind: 'conv', groups: 8, inChannels: 8, outChannels: 8 });
  });

  it('gives C × multiplier output channels', () => {
    const l = lastLayer([1, 4, 6, 6], [{ type: 'depthwise', name: 'd', kernel: 3, stride: 2, padding: 'same', multiplier: 2 }]);
    expect(l.outputShape).toEqual([1, 8, 3, 3]);
    expect(l.macs).toBe(8 * 9 * 9);
    expect(l.op).toMatchObject({ groups: 4, outChannels: 8 });
  });
});

describe('pointwise', () => {
  it('is a 1x1 conv: MACs = H·W·inC·outC', () => {
    const l = lastLayer([1, 8, 4, 4], [{ type: 'pointwise', name: 'p', outChannels: 16 }]);
    expect(l.outputShape).toEqual([1, 16, 4, 4]);
    expect(l.macs).toBe(16 * 8 * 16);
    expect(l.weightElements).toBe(128);
    expect(l.op).toMatchObject({ kernelH: 1, kernelW: 1, groups: 1 });
  });

  it('can stride (a ResNet downsample shortcut)', () => {
    expect(lastLayer([1, 64, 56, 56], [{ type: 'pointwise', name: 'p', outChannels: 128, stride: 2 }]).outputShape).toEqual([
      1, 128, 28, 28,
    ]);
  });
});
