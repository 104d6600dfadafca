import { Type, type Static } from '@sinclair/typebox';
import { DocumentHeader } from './common.js';

/** A value an arch parameter takes in a sweep: a number, a quantity string, or any JSON value. */
const SweepValue = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Object({}), Type.Array(Type.Unknown())], {
  description: 'a value for the parameter: a number, a quantity such as "1 GB/s", a boolean, or a JSON value',
});

/** A design-space sweep: one base arch, parameters to vary at JSON pointers, workloads to run. */
export const SweepSpec = Type.Object(
  {
    ...DocumentHeader,
    arch: Type.String({ minLength: 1, description: 'base architecture: a preset name or a path relative to this file' }),
    workloads: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      uniqueItems: true,
      description: 'built-in names or paths relative to this file',
    }),
    parameters: Type.Record(Type.String({ pattern: '^(/[^/]+)+$' }), Type.Array(SweepValue, { minItems: 1 }), {
      minProperties: 1,
      description: 'values to try, by JSON pointer into the arch document, e.g. "/compute/mxu/rows": [32, 64, 128]',
    }),
    mode: Type.Optional(
      Type.Union([Type.Literal('grid'), Type.Literal('zip')], {
        description: 'grid (default): every combination; zip: the i-th value of every parameter together (lists of equal length)',
      }),
    ),
    precision: Type.Optional(Type.String({ description: 'what-if precision for every run, as --precision' })),
    prune: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'what-if pruned fraction of weights, as --prune' })),
  },
  { additionalProperties: false },
);

export type SweepSpec = Static<typeof SweepSpec>;
