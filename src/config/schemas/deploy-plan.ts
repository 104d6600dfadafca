import { Type, type Static } from '@sinclair/typebox';
import { DocumentHeader, Quantity } from './common.js';
import { LinkSpec } from './device.js';

const Rate = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

const ServiceTime = Type.Optional(
  Type.Union([Type.Literal('deterministic'), Type.Literal('exponential')], {
    description:
      'how long each inference takes: deterministic (default: the modelled latency every time) or exponential (random, with the modelled latency as its mean)',
  }),
);

/** An edge-first, cloud-fallback deployment: who runs what, over which link, under which load. */
export const DeployPlanSpec = Type.Object(
  {
    ...DocumentHeader,
    seed: Type.Integer({ minimum: 0, maximum: 4294967295, description: 'seed of the simulation\'s random numbers: the same seed gives the same run' }),
    workload: Type.String({ minLength: 1, description: 'the model: a built-in workload name or a workload file relative to this plan' }),
    edge: Type.Object(
      {
        device: Type.String({ minLength: 1, description: 'the edge device: a roofline device, a simulated arch preset, or a file relative to this plan' }),
        failureRate: Type.Optional(Rate('probability that an edge inference fails once it has run, so the request is retried in the cloud (default 0)')),
        overloadRate: Type.Optional(
          Rate('probability that the edge device is taken by other work when a request arrives, so it goes to the cloud at once (default 0)'),
        ),
        serviceTime: ServiceTime,
      },
      { additionalProperties: false },
    ),
    cloud: Type.Object(
      {
        device: Type.String({ minLength: 1, description: 'the cloud device: a roofline device, a simulated arch preset, or a file relative to this plan' }),
        maxBatch: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024, description: 'most requests the cloud runs as one batch (default 1)' })),
        batchTimeout: Type.Optional(Quantity('longest the first request of a batch waits for more to join, e.g. "5 ms" (default 0)')),
        pue: Type.Number({
          minimum: 1,
          maximum: 3,
          description: 'power usage effectiveness of the data center: facility energy per unit of IT energy, e.g. 1.1',
        }),
        serviceTime: ServiceTime,
      },
      { additionalProperties: false },
    ),
    link: Type.Union([Type.String({ minLength: 1 }), LinkSpec], {
      description: 'the network link: a built-in link (wifi, lte, 5g), a link file relative to this plan, or a link document written inline',
    }),
    requests: Type.Object(
      {
        arrival: Type.Union([Type.Literal('poisson'), Type.Literal('periodic')], {
          description: 'arrival process: poisson (exponential gaps) or periodic (fixed gaps)',
        }),
        rate: Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'mean arrival rate at the edge device, requests per second (> 0)' }),
        count: Type.Integer({ minimum: 1, maximum: 2_000_000, description: 'requests to simulate' }),
        inputBytes: Quantity('bytes of one request\'s input sent up when offloaded, e.g. "150 kB"'),
        outputBytes: Quantity('bytes of one result sent back, e.g. "4 kB"'),
        deadline: Quantity('latency a request must meet, from arrival to result, e.g. "100 ms"'),
      },
      { additionalProperties: false },
    ),
    policy: Type.Optional(
      Type.Object(
        {
          mode: Type.Optional(
            Type.Union([Type.Literal('edge-first'), Type.Literal('edge-only'), Type.Literal('cloud-only')], {
              description:
                'edge-first (default): run on the edge when it can meet the deadline, else offload; edge-only or cloud-only: one place for every request',
            }),
          ),
          allowDrops: Type.Optional(
            Type.Boolean({
              description: 'drop a request no place can serve within its deadline (default false: serve it late, on the place predicted to finish first)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    fleet: Type.Object(
      {
        devices: Type.Integer({ minimum: 1, maximum: 1e10, description: 'edge devices in the fleet' }),
        requestsPerDevicePerDay: Type.Number({ minimum: 0, maximum: 1e8, description: 'requests each device makes per day' }),
      },
      { additionalProperties: false, description: 'the fleet the per-request energy is scaled to (energy per day)' },
    ),
  },
  { additionalProperties: false },
);
export type DeployPlanSpec = Static<typeof DeployPlanSpec>;
