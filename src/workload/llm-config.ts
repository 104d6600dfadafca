import type { LlmSpec } from '../config/schemas/llm.js';
import { UserError, type Problem } from '../config/user-error.js';

/** A decoder-only transformer with every default resolved. */
export interface LlmModel {
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly layers: number;
  readonly dModel: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly ffn: { readonly kind: 'swiglu' | 'gelu-mlp'; readonly size: number };
  readonly vocab: number;
  readonly tiedEmbeddings: boolean;
  readonly rope: boolean;
  readonly norm: 'rmsnorm' | 'layernorm';
  readonly maxContext: number;
  readonly qkvBias: boolean;
  readonly mlpBias: boolean;
  readonly publishedParams?: { readonly value: number; readonly source: string };
  /** The file it was read from (messages name it). */
  readonly file?: string;
  /** SHA-256 of the document it was read from (canonical JSON), when loaded from one. */
  readonly sha256?: string;
}

/**
 * Resolves a schema-valid model document: defaults filled in and the shape checked (heads divide
 * the model width, key/value heads divide the heads), every problem with its JSON path.
 */
export function resolveLlm(spec: LlmSpec, file?: string): LlmModel {
  const t = spec.transformer;
  const problems: Problem[] = [];
  const at = (field: string) => `/transformer/${field}`;
  if (t.dModel % t.heads !== 0)
    problems.push({
      file,
      path: at('heads'),
      message: `${t.heads} heads do not divide dModel ${t.dModel}; expected a divisor of ${t.dModel} (such as ${nearDivisor(t.dModel, t.heads)})`,
    });
  const kvHeads = t.kvHeads ?? t.heads;
  if (t.heads % kvHeads !== 0)
    problems.push({
      file,
      path: at('kvHeads'),
      message: `${kvHeads} key/value heads do not divide ${t.heads} query heads; expected a divisor of ${t.heads} (1 for MQA, ${t.heads} for MHA)`,
    });
  if (problems.length) throw new UserError(problems);
  return {
    name: spec.name,
    description: spec.description,
    source: spec.source,
    layers: t.layers,
    dModel: t.dModel,
    heads: t.heads,
    kvHeads,
    headDim: t.headDim ?? t.dModel / t.heads,
    ffn: t.ffn,
    vocab: t.vocab,
    tiedEmbeddings: t.tiedEmbeddings,
    rope: t.rope ?? true,
    norm: t.norm ?? 'rmsnorm',
    maxContext: t.maxContext,
    qkvBias: t.qkvBias ?? false,
    mlpBias: t.mlpBias ?? false,
    publishedParams: spec.publishedParams,
    file,
  };
}

/** The divisor of n nearest to d, for a hint. */
function nearDivisor(n: number, d: number): number {
  let best = 1;
  for (let x = 1; x <= Math.min(n, 4 * d); x++) if (n % x === 0 && Math.abs(x - d) < Math.abs(best - d)) best = x;
  return best;
}

/**
 * Parameters of the model counted from its shape alone (an independent check of the generated
 * graph): embeddings, per block Q/K/V/O and FFN weights with their biases and two norms, the
 * final norm, and the output head unless it is tied to the embeddings. A LayerNorm has a scale
 * and a shift per channel, an RMSNorm a scale only.
 */
export function countParams(m: LlmModel): number {
  const d = m.dModel;
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  const normParams = m.norm === 'layernorm' ? 2 * d : d;
  const attention = d * q + 2 * d * kv + q * d + (m.qkvBias ? q + 2 * kv : 0) + (m.mlpBias ? d : 0);
  const f = m.ffn.size;
  const ffn = m.ffn.kind === 'swiglu' ? 3 * d * f + (m.mlpBias ? 2 * f + d : 0) : 2 * d * f + (m.mlpBias ? f + d : 0);
  const embeddings = m.vocab * d;
  return embeddings + m.layers * (attention + ffn + 2 * normParams) + normParams + (m.tiedEmbeddings ? 0 : m.vocab * d);
}
