import type { LayerSpec, WorkloadSpec } from '../config/schemas/workload.js';
import { buildGraph } from './build-graph.js';
import type { Graph } from './graph.js';
import type { LlmModel } from './llm-config.js';
import { reductionLength } from './lower-layer.js';
import { bitsPerWeight, type WeightFormat } from './weight-formats.js';

/** Number formats of a language-model run: weights, activations and the KV cache. */
export interface LlmPrecision {
  readonly weights: WeightFormat;
  readonly activations: 'fp16' | 'bf16' | 'int8';
  readonly kv: 'fp16' | 'int8' | 'int4';
}

/** One forward pass: `rows` new tokens per sequence attending to `past` cached ones plus themselves. */
export interface TransformerStep {
  readonly phase: 'prefill' | 'decode';
  readonly rows: number;
  readonly past: number;
  /** Sequences run together: the batch in prefill, batch × beams in decode. */
  readonly sequences: number;
  readonly precision: LlmPrecision;
}

/** Names of the KV-cache tensors of block `i` (graph inputs that persist from step to step). */
export const kvCacheNames = (i: number): readonly [string, string] => [`layers.${i}.k_cache`, `layers.${i}.v_cache`];

/**
 * The layer graph of one forward pass of a decoder-only transformer. Per block: norm, Q/K/V
 * projections, RoPE on Q and K, attention of the new tokens over the whole cache (the keys and
 * values of the past tokens and of the new ones, which K/V projections write into it), output
 * projection and residual, norm, FFN (SwiGLU or GELU MLP) and residual; then the final norm and
 * the output head on the last token only. Grouped-query attention runs as one batched matmul per
 * key/value head whose rows are the queries of its group, so each key is read once per group.
 * Causal masking is not exploited: prefill computes every query–key score (as an unfused kernel does).
 */
export function transformerGraph(m: LlmModel, step: TransformerStep): Graph {
  const spec = transformerSpec(m, step);
  const graph = buildGraph(spec, m.file, m.file ? [m.file] : []);
  const w = step.precision.weights;
  // Weights cost the bits of their format, scales and tables included (per layer: they depend on its reduction length).
  const layers = graph.layers.map((l) =>
    l.weightElements > 0 && l.op.kind === 'matmul'
      ? { ...l, weightBits: bitsPerWeight(w, reductionLength(l)), weightFormat: w.name }
      : l,
  );
  const persistent = Array.from({ length: m.layers }, (_, i) => kvCacheNames(i)).flat();
  return { ...graph, layers, persistent };
}

/** The workload document of one forward pass (what `transformerGraph` builds). */
export function transformerSpec(m: LlmModel, step: TransformerStep): WorkloadSpec {
  const { rows: s, past, sequences: b } = step;
  const { weights, activations: act, kv } = step.precision;
  const t = past + s;
  const hd = m.headDim;
  const g = m.heads / m.kvHeads;
  // Attention reads its operands at the cache's precision and multiplies at the activations' (the
  // weight slot of an activation matmul only sets the MAC format).
  const attention = { weight: act, activation: kv, output: act } as const;
  const inputs: WorkloadSpec['inputs'] = { embeddings: { shape: [b, s, m.dModel] } };
  const layers: LayerSpec[] = [];
  const add = (l: LayerSpec) => layers.push(l);
  let x = 'embeddings';
  for (let i = 0; i < m.layers; i++) {
    const p = `layers.${i}.`;
    const [kCache, vCache] = kvCacheNames(i);
    inputs[kCache] = { shape: [b, m.kvHeads, t, hd] };
    inputs[vCache] = { shape: [b, m.kvHeads, t, hd] };
    add({ type: 'layernorm', name: `${p}input_norm`, input: x });
    add({ type: 'dense', name: `${p}q_proj`, input: `${p}input_norm`, outFeatures: m.heads * hd, bias: m.qkvBias });
    add({
      type: 'dense',
      name: `${p}k_proj`,
      input: `${p}input_norm`,
      outFeatures: m.kvHeads * hd,
      bias: m.qkvBias,
      ...(m.rope ? {} : { precision: { output: kv } }),
    });
    add({
      type: 'dense',
      name: `${p}v_proj`,
      input: `${p}input_norm`,
      outFeatures: m.kvHeads * hd,
      bias: m.qkvBias,
      precision: { output: kv },
    });
    let q = `${p}q_proj`;
    if (m.rope) {
      // x·cos + rotate(x)·sin: two multiplies and an add per element; the rotated key goes to the cache.
      add({ type: 'elementwise', name: `${p}q_rope`, op: 'RoPE', inputs: [q], opsPerElement: 3 });
      add({
        type: 'elementwise',
        name: `${p}k_rope`,
        op: 'RoPE',
        inputs: [`${p}k_proj`],
        opsPerElement: 3,
        precision: { output: kv },
      });
      q = `${p}q_rope`;
    }
    // [b, s, heads·hd] → [b, kv, g·s, hd]: the queries of a group are the rows of one matmul per KV head.
    add({ type: 'reshape', name: `${p}q_split`, input: q, shape: [b, s, m.kvHeads, g, hd] });
    add({ type: 'transpose', name: `${p}q_groups`, perm: [0, 2, 3, 1, 4] });
    add({ type: 'reshape', name: `${p}q_rows`, shape: [b, m.kvHeads, g * s, hd] });
    add({ type: 'matmul', name: `${p}attn_scores`, inputs: [`${p}q_rows`, kCache], transposeB: true, precision: attention });
    add({ type: 'softmax', name: `${p}attn_probs`, precision: { activation: act, output: kv } });
    add({ type: 'matmul', name: `${p}attn_context`, inputs: [`${p}attn_probs`, vCache], precision: attention });
    add({ type: 'reshape', name: `${p}context_split`, shape: [b, m.kvHeads, g, s, hd] });
    add({ type: 'transpose', name: `${p}context_merge`, perm: [0, 3, 1, 2, 4] });
    add({ type: 'reshape', name: `${p}context_flat`, shape: [b, s, m.heads * hd] });
    add({ type: 'dense', name: `${p}o_proj`, outFeatures: m.dModel, bias: m.mlpBias });
    add({ type: 'add', name: `${p}attn_residual`, inputs: [`${p}o_proj`, x] });
    add({ type: 'layernorm', name: `${p}post_norm` });
    if (m.ffn.kind === 'swiglu') {
      add({ type: 'dense', name: `${p}gate_proj`, input: `${p}post_norm`, outFeatures: m.ffn.size, bias: m.mlpBias });
      add({ type: 'activation', name: `${p}gate_silu`, function: 'swish' });
      add({ type: 'dense', name: `${p}up_proj`, input: `${p}post_norm`, outFeatures: m.ffn.size, bias: m.mlpBias });
      add({ type: 'mul', name: `${p}gate_up`, inputs: [`${p}gate_silu`, `${p}up_proj`] });
    } else {
      add({ type: 'dense', name: `${p}up_proj`, input: `${p}post_norm`, outFeatures: m.ffn.size, bias: m.mlpBias });
      add({ type: 'activation', name: `${p}up_gelu`, function: 'gelu' });
    }
    add({ type: 'dense', name: `${p}down_proj`, outFeatures: m.dModel, bias: m.mlpBias });
    add({ type: 'add', name: `${p}ffn_residual`, inputs: [`${p}down_proj`, `${p}attn_residual`] });
    x = `${p}ffn_residual`;
  }
  add({ type: 'layernorm', name: 'final_norm', input: x });
  // Only the last token's logits are needed to pick the next token.
  if (s > 1) add({ type: 'view', name: 'last_token', op: 'Slice', shape: [b, 1, m.dModel] });
  add({ type: 'dense', name: 'lm_head', outFeatures: m.vocab, bias: false });
  return {
    version: 1,
    name: `${m.name}-${step.phase}`,
    description:
      `${m.name}, ${step.phase}: ${s} new token${s === 1 ? '' : 's'} per sequence over ${past} cached, ${b} sequence${b === 1 ? '' : 's'}; ` +
      `weights ${weights.name}, activations ${act}, KV cache ${kv}. RMSNorm runs as a layernorm layer (its shift counted as D parameters).`,
    source: m.source,
    inputs,
    precision: { weight: weights.precision, activation: act, output: act },
    layers,
  };
}

/** Parameters of a generated graph, the embedding table included (the graph reads only its rows; a tied head holds it). */
export function graphParams(graph: Graph, m: LlmModel): number {
  return graph.totals.params + (m.tiedEmbeddings ? 0 : m.vocab * m.dModel);
}
