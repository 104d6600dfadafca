import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../../src/workload/build-graph.js';
import { graphOf, specOf, userErrorOf } from './helpers.js';

describe('buildGraph: inputs', () => {
  it('feeds the first layer the single graph input and each later layer the previous output', () => {
    const g = graphOf(
      [1, 3, 8, 8],
      [
        { type: 'conv2d', name: 'a', outChannels: 4, kernel: 3, padding: 1 },
        { type: 'pointwise', name: 'b', outChannels: 2 },
      ],
    );
    expect(g.layers.map((l) => l.inputs)).toEqual([['x'], ['a']]);
    expect(g.layers[1].inputShapes).toEqual([[1, 4, 8, 8]]);
    expect(g.inputs).toEqual([{ name: 'x', shape: [1, 3, 8, 8], elements: 192 }]);
  });

  it('reads a named earlier tensor when "input" is given (a branch)', () => {
    const g = graphOf(
      [1, 4, 8, 8],
      [
        { type: 'pointwise', name: 'a', outChannels: 4 },
        { type: 'pointwise', name: 'b', input: 'x', outChannels: 4 },
        { type: 'add', name: 'sum', inputs: ['a', 'b'] },
      ],
    );
    expect(g.layers[1].inputs).toEqual(['x']);
    expect(g.layers[2].inputs).toEqual(['a', 'b']);
  });

  it('totals MACs, parameters (weights + biases) and layers', () => {
    const g = graphOf(
      [1, 16],
      [
        { type: 'dense', name: 'a', outFeatures: 8 },
        { type: 'dense', name: 'b', outFeatures: 2 },
      ],
    );
    expect(g.totals).toEqual({ macs: 16 * 8 + 8 * 2, params: 128 + 8 + 16 + 2, layers: 2 });
    expect(g.files).toEqual(['test.json']);
  });
});

describe('buildGraph: errors name the file, the JSON path and what was expected', () => {
  const expectProblem = (fn: () => unknown, path: string, ...words: string[]) => {
    const err = userErrorOf(fn);
    expect(err.problems.map((p) => p.path)).toContain(path);
    expect(err.message).toContain(`test.json: ${path}: `);
    for (const w of words) expect(err.message).toContain(w);
  };

  it('an unknown input tensor, listing the known ones', () => {
    expectProblem(
      () =>
        graphOf(
          [1, 8],
          [
            { type: 'dense', name: 'a', outFeatures: 4 },
            { type: 'dense', name: 'b', input: 'nope', outFeatures: 4 },
          ],
        ),
      '/layers/1/input',
      'unknown tensor "nope"',
      'x, a',
    );
  });

  it('an unknown tensor in "inputs"', () => {
    expectProblem(
      () => graphOf([1, 8], [{ type: 'add', name: 'a', inputs: ['x', 'y'] }]),
      '/layers/0/inputs/1',
      'unknown tensor "y"',
    );
  });

  it('a reference to a later layer', () => {
    expectProblem(
      () =>
        graphOf(
          [1, 8],
          [
            { type: 'dense', name: 'a', input: 'b', outFeatures: 4 },
            { type: 'dense', name: 'b', input: 'x', outFeatures: 4 },
          ],
        ),
      '/layers/0/input',
      'later layer (/layers/1)',
    );
  });

  it('a first layer without "input" when the graph has several inputs', () => {
    expectProblem(
      () => graphOf([1, 8], [{ type: 'dense', name: 'a', outFeatures: 4 }], { y: [1, 8] }),
      '/layers/0/input',
      '2 inputs (x, y)',
    );
  });

  it('duplicate layer names, and a layer named like a graph input', () => {
    expectProblem(
      () =>
        graphOf(
          [1, 8],
          [
            { type: 'dense', name: 'a', outFeatures: 4 },
            { type: 'dense', name: 'a', outFeatures: 4 },
          ],
        ),
      '/layers/1/name',
      'duplicate name "a"',
      '/layers/0',
    );
    expectProblem(() => graphOf([1, 8], [{ type: 'dense', name: 'x', outFeatures: 4 }]), '/layers/0/name', 'a graph input');
  });

  it('add / concat / matmul shape mismatches, quoting both shapes', () => {
    expectProblem(
      () => graphOf([1, 4, 2, 2], [{ type: 'add', name: 'a', inputs: ['x', 'y'] }], { y: [1, 4, 2, 3] }),
      '/layers/0/inputs/1',
      '[1, 4, 2, 3] from "y"',
      '[1, 4, 2, 2] from "x"',
    );
    expectProblem(
      () => graphOf([1, 4, 2, 2], [{ type: 'concat', name: 'c', inputs: ['x', 'y'] }], { y: [1, 4, 3, 2] }),
      '/layers/0/inputs/1',
      '[1, 4, 3, 2]',
      '[1, 4, 2, 2]',
    );
    expectProblem(
      () => graphOf([2, 3, 4], [{ type: 'matmul', name: 'm', inputs: ['x', 'y'] }], { y: [2, 5, 4] }),
      '/layers/0/inputs',
      'K=4',
      'K=5',
      '[2, 3, 4]',
      '[2, 5, 4]',
      'transposeB',
    );
    expectProblem(
      () => graphOf([2, 3, 4], [{ type: 'matmul', name: 'm', inputs: ['x', 'y'] }], { y: [3, 4, 5] }),
      '/layers/0/inputs',
      'batch dimensions differ',
    );
  });

  it('channels not divisible by groups', () => {
    expectProblem(
      () => graphOf([1, 6, 4, 4], [{ type: 'conv2d', name: 'c', outChannels: 8, kernel: 1, groups: 4 }]),
      '/layers/0/groups',
      'input channels (6)',
      'groups (4)',
    );
  });

  it('a kernel larger than the padded input', () => {
    expectProblem(
      () => graphOf([1, 1, 4, 4], [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 7, padding: 1 }]),
      '/layers/0/kernel',
      'kernel 7x7',
      'padded input 6x6',
    );
    expectProblem(
      () => graphOf([1, 1, 4, 4], [{ type: 'maxpool', name: 'p', kernel: 5 }]),
      '/layers/0/kernel',
      'larger than the padded input',
    );
  });

  it('a pooling layer with neither kernel nor global', () => {
    expectProblem(
      () => graphOf([1, 1, 4, 4], [{ type: 'avgpool', name: 'p' }]),
      '/layers/0/kernel',
      'required unless "global": true',
    );
  });

  it('a reshape whose element count differs, and two -1s', () => {
    expectProblem(
      () => graphOf([1, 6], [{ type: 'reshape', name: 'r', shape: [1, 4] }]),
      '/layers/0/shape',
      '6 elements',
      '(4 elements)',
    );
    expectProblem(
      () => graphOf([1, 6], [{ type: 'reshape', name: 'r', shape: [1, 4, -1] }]),
      '/layers/0/shape',
      'same element count',
    );
    expectProblem(
      () => graphOf([1, 6], [{ type: 'reshape', name: 'r', shape: [-1, -1] }]),
      '/layers/0/shape/1',
      'only one dimension may be -1',
    );
    expectProblem(() => graphOf([1, 6], [{ type: 'reshape', name: 'r', shape: [0, 6] }]), '/layers/0/shape/0', '≥ 1');
  });

  it('a bad perm', () => {
    expectProblem(
      () => graphOf([1, 2, 3], [{ type: 'transpose', name: 't', perm: [0, 1, 1] }]),
      '/layers/0/perm',
      'not a permutation',
      '0..2',
    );
    expectProblem(
      () => graphOf([1, 2, 3], [{ type: 'transpose', name: 't', perm: [1, 0] }]),
      '/layers/0/perm',
      'not a permutation',
    );
  });

  it('a dense on a 4-D tensor, suggesting flatten', () => {
    expectProblem(
      () => graphOf([1, 16, 1, 1], [{ type: 'dense', name: 'fc', outFeatures: 10 }]),
      '/layers/0/input',
      '4-D',
      'flatten',
    );
  });

  it('a conv on a tensor that is not NCHW', () => {
    expectProblem(
      () => graphOf([1, 16], [{ type: 'conv2d', name: 'c', outChannels: 1, kernel: 1 }]),
      '/layers/0/input',
      '4-D [N, C, H, W]',
      '[1, 16] from "x"',
    );
  });

  it('a softmax or concat axis out of range', () => {
    expectProblem(() => graphOf([1, 4], [{ type: 'softmax', name: 's', axis: 2 }]), '/layers/0/axis', 'out of range');
    expectProblem(
      () => graphOf([1, 4], [{ type: 'concat', name: 'c', inputs: ['x', 'x'], axis: -3 }]),
      '/layers/0/axis',
      'out of range',
    );
  });

  it('collects every problem before failing, without repeating those of layers downstream of a failed one', () => {
    const err = userErrorOf(() =>
      buildGraph(
        specOf(
          [1, 8],
          [
            { type: 'dense', name: 'a', input: 'typo', outFeatures: 4 },
            { type: 'dense', name: 'b', outFeatures: 4 }, // reads the failed "a": not reported again
            { type: 'reshape', name: 'c', input: 'x', shape: [3, 3] },
          ],
        ),
        'net.json',
      ),
    );
    expect(err.problems.map((p) => [p.file, p.path])).toEqual([
      ['net.json', '/layers/0/input'],
      ['net.json', '/layers/2/shape'],
    ]);
  });
});
