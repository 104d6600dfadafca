import { Type, type Static } from '@sinclair/typebox';
import { DocumentHeader } from './common.js';

/** A value an arch parameter takes in a sweep: a number, a quantity string, or any JSON value. */
const SweepValue = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Object({}), Type.Array(Type.Unknown())], {
  description: 'a value for the parameter: a number, a quantity such as "1 GB/s", a boolean, or a JSON value',
});

/** Evenly spaced numbers from `from` to `to` (both included), linearly or on a log scale. */
export const SweepRange = Type.Object(
  {
    from: Type.Number({ description: 'first value' }),
    to: Type.Number({ description: 'last value' }),
    steps: Type.Integer({ description: 'how many values, at least 1 (1 gives just `from`)' }),
    scale: Type.Optional(
      Type.Union([Type.Literal('linear'), Type.Literal('log')], {
        description: 'linear (default) or log (geometric: from and to must be > 0)',
      }),
    ),
    integer: Type.Optional(Type.Boolean({ description: 'round every value to a whole number (default: true when from and to are whole)' })),
  },
  { additionalProperties: false },
);

/** The values of one sweep parameter: a list, or a range. */
const SweepValues = Type.Union([Type.Array(SweepValue, { minItems: 1 }), SweepRange], {
  description: 'a list of values, or a range {"from": 16, "to": 512, "steps": 6, "scale": "log"}',
});

/** Options of the workload side a sweep may vary by name (the arch side is varied by JSON pointer). */
export const WORKLOAD_OPTIONS = ['precision', 'prune', 'weightDensity', 'sparsityStructure', 'batch', 'costTable'] as const;
export type WorkloadOption = (typeof WORKLOAD_OPTIONS)[number];

/** Metrics a sweep can constrain or optimise, all numbers per (design point, workload). */
export const SWEEP_METRICS = [
  'seconds',
  'cycles',
  'energyJoules',
  'averagePowerWatts',
  'dramBytes',
  'utilization',
  'opsPerSecond',
  'topsPerWatt',
  'areaMm2',
  'topsPerMm2',
  'edp',
  'energyArea',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

const Bound = Type.Object(
  {
    min: Type.Optional(Type.Number({ description: 'the metric must be at least this' })),
    max: Type.Optional(Type.Number({ description: 'the metric must be at most this' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** How a sweep picks its points from the parameters' values. */
const Strategy = Type.Union(
  [
    Type.Literal('grid'),
    Type.Literal('zip'),
    Type.Literal('random'),
    Type.Literal('lhs'),
  ],
  {
    description:
      'grid (default): every combination; zip: the i-th value of every parameter together; random: `samples` points drawn with `seed`; lhs: a Latin hypercube of `samples` points (every value of each parameter used as evenly as possible)',
  },
);

/** A design-space sweep: one base arch, parameters to vary, workloads to run, budgets and objectives. */
export const SweepSpec = Type.Object(
  {
    ...DocumentHeader,
    arch: Type.String({ minLength: 1, description: 'base architecture: a preset name or a path relative to this file' }),
    workloads: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      uniqueItems: true,
      description: 'built-in names or paths relative to this file',
    }),
    parameters: Type.Record(Type.String({ pattern: '^((/[^/]+)+|precision|prune|weightDensity|sparsityStructure|batch|costTable)$' }), SweepValues, {
      minProperties: 1,
      description: `values to try: by JSON pointer into the arch document ("/compute/mxu/rows": [32, 64, 128]), or a workload-side option by name (${WORKLOAD_OPTIONS.join(', ')})`,
    }),
    strategy: Type.Optional(Strategy),
    mode: Type.Optional(Type.Union([Type.Literal('grid'), Type.Literal('zip')], { description: 'the older name of `strategy` (grid or zip)' })),
    samples: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'points to draw (random, lhs)' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, description: 'seed of the draw (random, lhs; default 1)' })),
    constraints: Type.Optional(
      Type.Record(Type.String(), Bound, {
        description: `budgets a point must meet to count, by metric (${SWEEP_METRICS.join(', ')}), e.g. {"areaMm2": {"max": 5}, "averagePowerWatts": {"max": 2}}`,
      }),
    ),
    objectives: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 2,
        uniqueItems: true,
        description: `metrics the Pareto front is taken over, each minimised except topsPerWatt, topsPerMm2, utilization and opsPerSecond (maximised); default ["seconds", "energyJoules"]`,
      }),
    ),
    precision: Type.Optional(Type.String({ description: 'what-if precision for every run, as --precision' })),
    prune: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'what-if pruned fraction of weights, as --prune' })),
  },
  { additionalProperties: false },
);

export type SweepSpec = Static<typeof SweepSpec>;
export type SweepRangeSpec = Static<typeof SweepRange>;
