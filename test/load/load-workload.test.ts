import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { listWorkloads, loadWorkload } from '../../src/load/load-workload.js';
import { userErrorOf } from '../workload/helpers.js';

const fixture = (name: string) => join('test', 'workload', 'fixtures', name);

describe('loadWorkload', () => {
  it('loads a built-in by name and records the file it came from', () => {
    const g = loadWorkload('tiny');
    expect(g.name).toBe('tiny');
    expect(g.files).toHaveLength(1);
    expect(g.files[0]).toMatch(/workloads[\\/]tiny\.json$/);
  });

  it('resolves "extends": a built-in with a different input size keeps its layers', () => {
    const g = loadWorkload(fixture('mobilenet-v1-160.json'));
    expect(g.name).toBe('mobilenet-v1-160');
    expect(g.inputs[0].shape).toEqual([1, 3, 160, 160]);
    expect(g.totals.layers).toBe(30);
    expect(g.layers[0].outputShape).toEqual([1, 32, 80, 80]);
    // Every conv scales with the pixel count; the FC (1,024,000 MACs) does not.
    const fc = 1024 * 1000;
    expect(g.totals.macs - fc).toBeCloseTo((loadWorkload('mobilenet-v1').totals.macs - fc) * (160 / 224) ** 2, -3);
    expect(g.totals.params).toBe(loadWorkload('mobilenet-v1').totals.params);
    expect(g.files.map((f) => f.split(/[\\/]/).pop())).toEqual(['mobilenet-v1-160.json', 'mobilenet-v1.json']);
  });

  it('resolves a chain of "extends" by relative path, the child replacing the layers array whole', () => {
    const g = loadWorkload(fixture('tiny-wider.json'));
    expect(g.layers.map((l) => l.name)).toEqual(['conv', 'pool', 'flatten', 'fc']);
    expect(g.description).toBe('the built-in tiny network, inherited whole');
    expect(g.totals.macs).toBe(8 * 8 * 16 * 27 + 16 * 10);
    expect(g.files).toHaveLength(3);
  });

  it('reports a schema violation with its JSON path and a suggestion', () => {
    const err = userErrorOf(() => loadWorkload(fixture('typo.json')));
    expect(err.message).toContain('/layers/0/kernal');
    expect(err.message).toContain('did you mean "kernel"');
  });

  it('reports a shape problem with its file and JSON path', () => {
    const err = userErrorOf(() => loadWorkload(fixture('bad-shape.json')));
    expect(err.message).toContain(
      `${fixture('bad-shape.json')}: /layers/0/groups: input channels (3) are not divisible by groups (2)`,
    );
  });

  it('names the known built-ins for an unknown name, and fails on a missing file', () => {
    expect(userErrorOf(() => loadWorkload('mobilenet-v9')).message).toMatch(
      /--workload: unknown workload "mobilenet-v9"; known: .*mobilenet-v2.*tiny/,
    );
    expect(userErrorOf(() => loadWorkload('nowhere/net.json')).message).toContain('file not found');
  });

  it('imports a SCALE-Sim conv topology (.csv)', () => {
    const g = loadWorkload(fixture('conv-topology.csv'));
    expect(g.layers).toHaveLength(1);
    expect(g.layers[0].outputShape).toEqual([1, 4, 8, 8]);
    expect(g.totals.macs).toBe(64 * 4 * 2 * 9);
  });

  it('imports a SCALE-Sim GEMM topology when the second column is M', () => {
    const g = loadWorkload(fixture('gemm-topology.csv'));
    expect(g.layers[0].op).toEqual({ kind: 'matmul', batch: 1, m: 8, n: 16, k: 32, weightOperand: true });
  });
});

describe('listWorkloads', () => {
  it('summarises every built-in: layers, MACs, parameters', () => {
    const list = listWorkloads();
    expect(list.map((w) => w.name)).toEqual([
      'bert-base-layer',
      'distilbert',
      'ds-cnn',
      'efficientnet-edgetpu-l',
      'efficientnet-edgetpu-m',
      'efficientnet-edgetpu-s',
      'inception-v1',
      'inception-v3',
      'inception-v3-224',
      'inception-v4',
      'mobilenet-ssd-v1',
      'mobilenet-ssd-v2',
      'mobilenet-v1',
      'mobilenet-v2',
      'mobileone-s0',
      'mobileone-s1',
      'mobileone-s2',
      'mobileone-s3',
      'mobileone-s4',
      'resnet-18',
      'resnet-50',
      'squeezenet',
      'tiny',
      'unet-mobilenetv2',
      'unpu-autoencoder',
      'unpu-nas',
      'unpu-resnet',
      'unpu-simplenet',
    ]);
    expect(list.find((w) => w.name === 'tiny')).toMatchObject({ layers: 6, macs: 26784, params: 618 });
    for (const w of list) expect(w.description).toBeTruthy();
  });
});
