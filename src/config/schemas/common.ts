import { Type, type TSchema, type Static, type TTuple, type TUnion } from '@sinclair/typebox';

/** A value with its provenance: where a number comes from, or "estimated: why". */
export const Sourced = <T extends TSchema>(inner: T, description: string) =>
  Type.Union(
    [
      inner,
      Type.Object(
        { value: inner, source: Type.String({ minLength: 1, description: 'publication, datasheet, or "estimated: why"' }) },
        { additionalProperties: false },
      ),
    ],
    { description },
  );

/** A physical quantity: a number in SI base units, or a string with units parsed by mathjs. */
export const Quantity = (description: string) =>
  Sourced(Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1 })]), description);

/** A whole number ≥ `minimum`, optionally with a source. */
/** 1000000 as "1,000,000" (toLocaleString would load ICU's data, ~5 ms of every CLI start). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export const Count = (description: string, minimum = 1, maximum = 1_000_000) =>
  Sourced(Type.Integer({ minimum, maximum }), `${description} (${minimum} to ${thousands(maximum)})`);

export type SourcedValue<T> = T | { value: T; source: string };
export type QuantityValue = SourcedValue<number | string>;
export type CountValue = SourcedValue<number>;

/** Fields every document shares. */
export const DocumentHeader = {
  $schema: Type.Optional(Type.String({ description: 'path or URL of this JSON Schema, for editors' })),
  version: Type.Literal(1, { description: 'document format version; only 1 exists' }),
  name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'short identifier' }),
  description: Type.Optional(Type.String()),
  source: Type.Optional(Type.String({ description: 'where the document as a whole comes from' })),
  extends: Type.Optional(
    Type.String({ minLength: 1, description: 'a preset name or a path relative to this file; fields here override it (deep merge)' }),
  ),
};

export const TensorRole = Type.Union([Type.Literal('input'), Type.Literal('weight'), Type.Literal('output')], {
  description: 'input | weight | output',
});
export type TensorRole = Static<typeof TensorRole>;

/**
 * A tagged union validated by its tag: ajv then reports only the errors of the branch the
 * document chose (a conv2d layer's problems, not those of fifteen other layer types).
 */
export const Tagged = <T extends TSchema[]>(tag: string, branches: [...T], description: string) =>
  // `type` and `required` first: ajv's discriminator passes anything that is not an object.
  Type.Unsafe<Static<TUnion<T>>>({ type: 'object', required: [tag], oneOf: branches, discriminator: { propertyName: tag }, description });

/**
 * A fixed-length array in draft 2020-12 form (`prefixItems`); TypeBox's Tuple writes the
 * draft-07 form that ajv's 2020 validator rejects.
 */
export const Tuple = <T extends TSchema[]>(items: [...T], options: { description?: string } = {}) =>
  Type.Unsafe<Static<TTuple<T>>>({
    type: 'array',
    prefixItems: items,
    items: false,
    minItems: items.length,
    maxItems: items.length,
    ...options,
  });

/** Number formats a tensor may have. */
export const TENSOR_PRECISIONS = ['int2', 'int4', 'int8', 'int16', 'bf16', 'fp16'] as const;
export type TensorPrecision = (typeof TENSOR_PRECISIONS)[number];
export const PrecisionName = Type.Union(
  TENSOR_PRECISIONS.map((p) => Type.Literal(p)),
  { description: `a precision: ${TENSOR_PRECISIONS.join(' | ')}` },
);

/** Precision of a layer's tensors: one name for all, "w4a8" shorthand, or per tensor. */
export const PrecisionSpec = Type.Union(
  [
    Type.String({ pattern: '^(int2|int4|int8|int16|bf16|fp16|w(2|4|8|16)a(2|4|8|16))$' }),
    Type.Object(
      { weight: Type.Optional(PrecisionName), activation: Type.Optional(PrecisionName), output: Type.Optional(PrecisionName) },
      { additionalProperties: false },
    ),
  ],
  {
    description: `precision: one of ${TENSOR_PRECISIONS.join(', ')} for every tensor, "w<bits>a<bits>" such as "w4a8", or {"weight": ..., "activation": ..., "output": ...}`,
  },
);
export type PrecisionSpec = Static<typeof PrecisionSpec>;

/** How sparse one tensor is: the fraction of non-zeros and their pattern. */
export const TensorSparsitySpec = Type.Object(
  {
    density: Type.Number({ minimum: 0, maximum: 1, description: 'fraction of non-zero elements, 0–1' }),
    structure: Type.Optional(
      Type.String({
        pattern: '^(unstructured|channel|[1-9][0-9]*:[1-9][0-9]*)$',
        description: 'unstructured (default), channel (whole output channels are zero), or N:M (at most N non-zeros in every M along the reduction)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TensorSparsitySpec = Static<typeof TensorSparsitySpec>;

/** Sparsity of a layer's weights and activations (its inputs). */
export const SparsitySpec = Type.Object(
  { weight: Type.Optional(TensorSparsitySpec), activation: Type.Optional(TensorSparsitySpec) },
  { additionalProperties: false, description: 'sparsity: {"weight": {"density": 0.3, "structure": "2:4"}, "activation": {"density": 0.5}}' },
);
export type SparsitySpec = Static<typeof SparsitySpec>;
