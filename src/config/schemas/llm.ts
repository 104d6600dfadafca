import { Type, type Static } from '@sinclair/typebox';
import { DocumentHeader } from './common.js';

/** A whole number from `minimum` up to `maximum`, described. */
const Int = (description: string, minimum = 1, maximum = 1_000_000) => Type.Integer({ minimum, maximum, description });

/** The shape of a decoder-only transformer, as Hugging Face config.json files give it. */
export const TransformerSpec = Type.Object(
  {
    layers: Int('decoder blocks (num_hidden_layers)', 1, 1000),
    dModel: Int('model width (hidden_size)'),
    heads: Int('query heads (num_attention_heads); must divide dModel', 1, 4096),
    kvHeads: Type.Optional(Int('key/value heads (num_key_value_heads); must divide heads; default heads (MHA), 1 is MQA', 1, 4096)),
    headDim: Type.Optional(Int('width of one head (head_dim); default dModel / heads', 1, 65536)),
    ffn: Type.Object(
      {
        kind: Type.Union([Type.Literal('swiglu'), Type.Literal('gelu-mlp')], {
          description: 'swiglu: gate and up projections, SiLU, elementwise product, down projection; gelu-mlp: up, GELU, down',
        }),
        size: Int('hidden width of the feed-forward network (intermediate_size)', 1, 10_000_000),
      },
      { additionalProperties: false },
    ),
    vocab: Int('vocabulary size (vocab_size)', 1, 10_000_000),
    tiedEmbeddings: Type.Boolean({ description: 'the output projection reuses the embedding table (tie_word_embeddings)' }),
    rope: Type.Optional(Type.Boolean({ description: 'rotary position embedding on queries and keys (default true)' })),
    norm: Type.Optional(
      Type.Union([Type.Literal('rmsnorm'), Type.Literal('layernorm')], { description: 'normalisation before attention and FFN (default rmsnorm)' }),
    ),
    maxContext: Int('longest sequence the model handles (max_position_embeddings)', 1, 100_000_000),
    qkvBias: Type.Optional(Type.Boolean({ description: 'the Q, K and V projections have biases (Qwen2); default false' })),
    mlpBias: Type.Optional(Type.Boolean({ description: 'the FFN and output projections have biases (GPT-2 style); default false' })),
  },
  { additionalProperties: false },
);

/** A language model document: a built-in under workloads/llm/ or a user's file. */
export const LlmSpec = Type.Object(
  {
    ...DocumentHeader,
    transformer: TransformerSpec,
    publishedParams: Type.Optional(
      Type.Object(
        {
          value: Type.Integer({ minimum: 1, description: 'parameter count the model card publishes' }),
          source: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false, description: 'the published parameter count, which tests compare the generated graph with' },
      ),
    ),
  },
  { additionalProperties: false },
);

export type TransformerSpec = Static<typeof TransformerSpec>;
export type LlmSpec = Static<typeof LlmSpec>;
