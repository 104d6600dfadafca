import { describe, expect, it } from '@jest/globals';
import { listLlms, loadLlm } from '../../src/load/load-llm.js';
import { countParams, resolveLlm } from '../../src/workload/llm-config.js';
import { graphParams, kvCacheNames, transformerGraph, type TransformerStep } from '../../src/workload/transformer.js';
import { bitsPerWeight, parseWeightFormat } from '../../src/workload/weight-formats.js';
import type { LlmSpec } from '../../src/config/schemas/llm.js';
import { userErrorOf } from '../helpers/user-error.js';

const step = (over: Partial<TransformerStep> = {}): TransformerStep => ({
  phase: 'decode',
  rows: 1,
  past: 16,
  sequences: 1,
  precision: { weights: parseWeightFormat('int8', '--weights'), activations: 'fp16', kv: 'fp16' },
  ...over,
});

describe('built-in language models', () => {
  it('are the three sourced configs', () => {
    expect(listLlms()).toEqual(['llama-3.2-1b', 'llama-3.2-3b', 'qwen2.5-0.5b']);
  });

  // Exact counts, by hand from config.json: embeddings + layers × (Q, K, V, O, biases, 3 FFN matrices, 2 RMSNorm scales) + final norm.
  // Qwen2.5-0.5B: 151936·896 + 24·(896·896+896 + 2·(896·128+128) + 896·896 + 3·896·4864 + 2·896) + 896 = 494,032,768.
  // Llama-3.2-1B: 128256·2048 + 16·(2·2048² + 2·2048·512 + 3·2048·8192 + 2·2048) + 2048 = 1,235,814,400.
  // Llama-3.2-3B: 128256·3072 + 28·(2·3072² + 2·3072·1024 + 3·3072·8192 + 2·3072) + 3072 = 3,212,749,824.
  it.each([
    ['qwen2.5-0.5b', 494_032_768],
    ['llama-3.2-1b', 1_235_814_400],
    ['llama-3.2-3b', 3_212_749_824],
  ])('%s has the parameters its shape gives (%i)', (name, exact) => {
    expect(countParams(loadLlm(name))).toBe(exact);
  });

  it.each(['qwen2.5-0.5b', 'llama-3.2-1b', 'llama-3.2-3b'])(
    '%s: the generated graph is within 1%% of the published count',
    (name) => {
      const m = loadLlm(name);
      const params = graphParams(transformerGraph(m, step()), m);
      expect(m.publishedParams).toBeDefined();
      expect(Math.abs(params / m.publishedParams!.value - 1)).toBeLessThan(0.01);
      // The graph counts an RMSNorm as a layernorm (its shift too): only those D per norm over the exact count.
      expect(params - countParams(m)).toBe((2 * m.layers + 1) * m.dModel);
    },
  );
});

const tiny = (t: Partial<LlmSpec['transformer']> = {}): LlmSpec => ({
  version: 1,
  name: 'tiny-lm',
  transformer: {
    layers: 2,
    dModel: 64,
    heads: 4,
    kvHeads: 2,
    ffn: { kind: 'swiglu', size: 128 },
    vocab: 100,
    tiedEmbeddings: false,
    maxContext: 256,
    ...t,
  },
});

describe('a transformer graph', () => {
  it('counts the MACs of one decode step by hand', () => {
    const m = resolveLlm(tiny());
    const g = transformerGraph(m, step({ past: 9 }));
    // Per block: Q 64·64, K and V 64·32 each, O 64·64, FFN 3·64·128; attention 4 heads × 16 dims × 10 keys, twice.
    const perBlock = 64 * 64 + 2 * 64 * 32 + 64 * 64 + 3 * 64 * 128 + 2 * 4 * 16 * 10;
    expect(g.totals.macs).toBe(2 * perBlock + 64 * 100);
    // Untied: the embedding table is counted beside the output head.
    expect(graphParams(g, m)).toBe(countParams(m) + 5 * 64);
  });

  it('holds the KV cache as persistent inputs of [sequences, kv heads, tokens, head dim]', () => {
    const m = resolveLlm(tiny());
    const g = transformerGraph(m, step({ past: 9, sequences: 3 }));
    expect(g.persistent).toEqual([...kvCacheNames(0), ...kvCacheNames(1)]);
    expect(g.inputs.find((t) => t.name === 'layers.1.v_cache')!.shape).toEqual([3, 2, 10, 16]);
  });

  it('runs the output head on the last prompt token only', () => {
    const g = transformerGraph(resolveLlm(tiny()), step({ phase: 'prefill', rows: 8, past: 0 }));
    expect(g.layers.find((l) => l.name === 'lm_head')!.macs).toBe(64 * 100);
  });

  it('gives every weight layer the bits of its format', () => {
    const g = transformerGraph(
      resolveLlm(tiny()),
      step({ precision: { ...step().precision, weights: parseWeightFormat('int4-g32', 'w') } }),
    );
    const q = g.layers.find((l) => l.name === 'layers.0.q_proj')!;
    expect(q.weightBits).toBe(4 + 16 / 32);
    expect(g.layers.find((l) => l.name === 'layers.0.attn_scores')!.weightBits).toBeUndefined();
  });

  it('a GELU MLP has two matrices and biases where asked', () => {
    const m = resolveLlm(
      tiny({ ffn: { kind: 'gelu-mlp', size: 256 }, norm: 'layernorm', mlpBias: true, qkvBias: true, kvHeads: 4 }),
    );
    expect(graphParams(transformerGraph(m, step()), m)).toBe(countParams(m));
  });
});

describe('bad model configs', () => {
  it('heads that do not divide dModel name /transformer/heads', () => {
    const e = userErrorOf(() => resolveLlm(tiny({ heads: 5, kvHeads: 5 }), 'my-model.json'));
    expect(e.problems[0]).toMatchObject({ file: 'my-model.json', path: '/transformer/heads' });
    expect(e.message).toMatch(/5 heads do not divide dModel 64/);
  });

  it('KV heads that do not divide the heads name /transformer/kvHeads', () => {
    const e = userErrorOf(() => resolveLlm(tiny({ kvHeads: 3 }), 'my-model.json'));
    expect(e.problems[0]).toMatchObject({ path: '/transformer/kvHeads' });
    expect(e.message).toMatch(/3 key\/value heads do not divide 4 query heads/);
  });
});

describe('weight formats', () => {
  const bits = (name: string, k = 2048) => bitsPerWeight(parseWeightFormat(name, '--weights'), k);
  it('count their scales and tables', () => {
    expect(bits('fp16')).toBe(16);
    expect(bits('int4-g128')).toBe(4.125);
    expect(bits('int4-g64')).toBe(4.25);
    expect(bits('int4-g32')).toBe(4.5);
    expect(bits('int8-g128')).toBe(8.125);
    expect(bits('int8', 2048)).toBe(8 + 16 / 2048);
    // OCP MX v1.0: 32 elements share one 8-bit scale.
    expect(bits('mxint8')).toBe(8.25);
    expect(bits('mxfp8')).toBe(8.25);
    expect(bits('mxfp6')).toBe(6.25);
    expect(bits('mxfp4')).toBe(4.25);
    // A 2^b-entry fp16 table per output channel of k weights.
    expect(bits('pal4', 2048)).toBe(4 + (16 * 16) / 2048);
    expect(bits('pal2', 1024)).toBe(2 + (4 * 16) / 1024);
    expect(bits('pal:3.7', 4096)).toBeCloseTo(3.7 + (16 * 16) / 4096, 12);
  });

  it('refuse an unknown name, listing the formats', () => {
    expect(userErrorOf(() => parseWeightFormat('int5', '--weights')).message).toMatch(
      /--weights: unknown weight format "int5"; expected fp16, bf16, int8/,
    );
  });
});
