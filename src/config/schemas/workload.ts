import { Type, type Static, type TLiteral, type TObject, type TSchema } from '@sinclair/typebox';
import { DocumentHeader, PrecisionSpec, SparsitySpec, Tagged, Tuple } from './common.js';

/** A whole number from `minimum` to a bound that keeps tensor sizes and MAC counts finite. */
const Int = (description: string, minimum = 1) => Type.Integer({ minimum, maximum: 1_000_000, description: `${description} (at most 1,000,000)` });
const Pair = (description: string, minimum = 1) =>
  Type.Union([Int(description, minimum), Tuple([Int('height', minimum), Int('width', minimum)])], {
    description: `${description}: n or [height, width]`,
  });
const Padding = Type.Union(
  [
    Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    Tuple([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Integer({ minimum: 0, maximum: 1_000_000 })]),
    Tuple([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Integer({ minimum: 0, maximum: 1_000_000 })]),
    Type.Literal('same'),
    Type.Literal('valid'),
  ],
  { description: 'padding: n, [h, w], [top, bottom, left, right], "same" or "valid"' },
);

/** Fields every layer has. `input` defaults to the previous layer's output. */
const common = {
  name: Type.String({ minLength: 1, description: 'unique layer name; also names its output tensor' }),
  input: Type.Optional(Type.String({ minLength: 1, description: 'input tensor (a graph input or a layer name); default: previous layer' })),
  source: Type.Optional(Type.String()),
  precision: Type.Optional(PrecisionSpec),
  sparsity: Type.Optional(SparsitySpec),
  weightsFile: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'a NumPy .npy file of the layer\'s trained weights, relative to this file: their weight density is counted from it',
    }),
  ),
};
const multiInput = {
  name: common.name,
  inputs: Type.Array(Type.String({ minLength: 1 }), { minItems: 2, description: 'input tensors' }),
  source: common.source,
  precision: common.precision,
  sparsity: common.sparsity,
};
function layer<K extends string, T extends Record<string, TSchema>>(type: K, props: T): TObject<{ type: TLiteral<K> } & typeof common & T>;
function layer<K extends string, T extends Record<string, TSchema>, B extends Record<string, TSchema>>(
  type: K,
  props: T,
  base: B,
): TObject<{ type: TLiteral<K> } & B & T>;
function layer(type: string, props: Record<string, TSchema>, base: Record<string, TSchema> = common) {
  return Type.Object({ type: Type.Literal(type), ...base, ...props }, { additionalProperties: false });
}

const window = {
  kernel: Pair('kernel size'),
  stride: Type.Optional(Pair('stride')),
  padding: Type.Optional(Padding),
};

export const LayerSpec = Tagged(
  'type',
  [
    layer('conv2d', {
      outChannels: Int('output channels'),
      ...window,
      dilation: Type.Optional(Pair('dilation')),
      groups: Type.Optional(Int('channel groups (input and output channels must divide by it)')),
      bias: Type.Optional(Type.Boolean()),
    }),
    layer('conv2dTranspose', {
      outChannels: Int('output channels'),
      kernel: Pair('kernel size'),
      stride: Type.Optional(Pair('stride (the upsampling factor)')),
      padding: Type.Optional(
        Type.Union(
          [
            Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            Tuple([
              Type.Integer({ minimum: 0, maximum: 1_000_000 }),
              Type.Integer({ minimum: 0, maximum: 1_000_000 }),
              Type.Integer({ minimum: 0, maximum: 1_000_000 }),
              Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            ]),
          ],
          { description: 'rows and columns cropped from the full output: n, or [top, bottom, left, right]' },
        ),
      ),
      outputPadding: Type.Optional(Pair('extra rows and columns at the bottom and right', 0)),
      bias: Type.Optional(Type.Boolean()),
    }),
    layer('depthwise', {
      ...window,
      multiplier: Type.Optional(Int('output channels per input channel')),
      bias: Type.Optional(Type.Boolean()),
    }),
    layer('pointwise', { outChannels: Int('output channels'), stride: Type.Optional(Pair('stride')), bias: Type.Optional(Type.Boolean()) }),
    layer('dense', { outFeatures: Int('output features'), bias: Type.Optional(Type.Boolean()) }),
    layer('matmul', { transposeB: Type.Optional(Type.Boolean({ description: 'B is given as [.., N, K]' })) }, multiInput),
    layer('maxpool', { ...window, kernel: Type.Optional(window.kernel), global: Type.Optional(Type.Boolean()) }),
    layer('avgpool', { ...window, kernel: Type.Optional(window.kernel), global: Type.Optional(Type.Boolean()) }),
    layer('add', {}, multiInput),
    layer('mul', {}, multiInput),
    layer('concat', { axis: Type.Optional(Type.Integer({ description: 'axis to join on; default 1 (channels); negative counts from the end' })) }, multiInput),
    layer('softmax', { axis: Type.Optional(Type.Integer({ description: 'default -1 (last)' })) }),
    layer('layernorm', {}),
    layer('activation', {
      function: Type.Union(
        ['relu', 'relu6', 'gelu', 'sigmoid', 'swish', 'tanh', 'hardswish'].map((f) => Type.Literal(f)),
        { description: 'relu | relu6 | gelu | sigmoid | swish | tanh | hardswish' },
      ),
    }),
    layer('flatten', {}),
    layer('reshape', { shape: Type.Array(Type.Integer({ minimum: -1, maximum: 1_000_000 }), { minItems: 1, maxItems: 8, description: 'new shape; one -1 is inferred' }) }),
    layer('transpose', { perm: Type.Array(Type.Integer({ minimum: 0, maximum: 1_000_000 }), { minItems: 1, description: 'axis permutation' }) }),
    layer(
      'elementwise',
      {
        op: Type.String({ minLength: 1, description: 'what it computes, e.g. the imported operator ("Sub", "Pow", "Erf")' }),
        opsPerElement: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'vector-unit operations per output element (default 1)' })),
      },
      {
        ...multiInput,
        inputs: Type.Array(Type.String({ minLength: 1 }), {
          minItems: 1,
          description: 'input tensors; shapes broadcast as in NumPy to the output shape',
        }),
      },
    ),
    layer('reduce', {
      op: Type.String({ minLength: 1, description: 'what it computes, e.g. "ReduceMean"' }),
      axes: Type.Array(Type.Integer({ minimum: -8, maximum: 7 }), { minItems: 1, maxItems: 8, description: 'axes reduced; negative counts from the end' }),
      keepDims: Type.Optional(Type.Boolean({ description: 'keep reduced axes as size 1 (default true)' })),
      opsPerElement: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'vector-unit operations per input element (default 1)' })),
    }),
    layer('view', {
      op: Type.String({ minLength: 1, description: 'what it does, e.g. "Slice", "Gather", "Pad"' }),
      shape: Type.Array(Type.Integer({ minimum: 1, maximum: 1_000_000 }), {
        minItems: 1,
        maxItems: 8,
        description: 'output shape: a part, a copy or a rearrangement of the input, no arithmetic',
      }),
    }),
  ],
  'a layer: {"type": "conv2d" | "conv2dTranspose" | "depthwise" | "pointwise" | "dense" | "matmul" | "maxpool" | "avgpool" | "add" | "mul" | "concat" | "softmax" | "layernorm" | "activation" | "flatten" | "reshape" | "transpose" | "elementwise" | "reduce" | "view", "name": ..., ...}',
);

export const WorkloadSpec = Type.Object(
  {
    ...DocumentHeader,
    inputs: Type.Record(
      Type.String({ minLength: 1 }),
      Type.Object(
        { shape: Type.Array(Type.Integer({ minimum: 1, maximum: 1_000_000 }), { minItems: 1, maxItems: 8, description: 'e.g. [1, 3, 224, 224] (N, C, H, W); each dimension at most 1,000,000' }) },
        { additionalProperties: false },
      ),
      { minProperties: 1, description: 'graph inputs by name' },
    ),
    precision: Type.Optional(PrecisionSpec),
    sparsity: Type.Optional(SparsitySpec),
    layers: Type.Array(LayerSpec, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type WorkloadSpec = Static<typeof WorkloadSpec>;
export type LayerSpec = Static<typeof LayerSpec>;
export type LayerType = LayerSpec['type'];
