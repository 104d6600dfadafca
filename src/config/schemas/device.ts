import { Type, type Static } from '@sinclair/typebox';
import { DocumentHeader, Quantity, Sourced, TENSOR_PRECISIONS } from './common.js';

const Source = Type.Optional(Type.String({ description: 'where these parameters come from' }));

/** Device classes: the seed table, split where current parts fall outside it (see deploy/device-classes.ts). */
export const DEVICE_CLASSES = ['cpu', 'phone-cpu', 'gpu', 'datacenter-gpu', 'edge-gpu', 'npu', 'edge-accelerator', 'micro-npu'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

const OpsPerSecond = (description: string) => Sourced(Type.Number({ exclusiveMinimum: 0, maximum: 1e18 }), description);

/**
 * A device timed by a roofline, not simulated cycle by cycle: per layer, the longer of compute at
 * sustained peak and bytes over memory bandwidth, plus a launch overhead per operator.
 */
export const DeviceSpec = Type.Object(
  {
    ...DocumentHeader,
    kind: Type.Literal('roofline-device', { description: 'a device timed analytically by a roofline (roofline-device)' }),
    class: Type.Union(
      DEVICE_CLASSES.map((c) => Type.Literal(c)),
      { description: `device class for the class-range check: ${DEVICE_CLASSES.join(' | ')}` },
    ),
    peakOpsPerSecond: Type.Partial(
      Type.Record(
        Type.Union(TENSOR_PRECISIONS.map((p) => Type.Literal(p))),
        OpsPerSecond('dense peak operations per second (2 per MAC) at this precision, e.g. 1.979e15'),
      ),
      {
        additionalProperties: false,
        minProperties: 1,
        description: `dense peak ops/s per MAC precision; keys: ${TENSOR_PRECISIONS.join(', ')}. A layer at a precision not listed runs at the narrowest wider one listed, or cannot run`,
      },
    ),
    vectorOpsPerSecond: Type.Optional(
      OpsPerSecond('peak element-wise operations per second (pooling, adds, activations); default: the int8 (else first) MAC peak'),
    ),
    memory: Type.Object(
      {
        bandwidth: Quantity('sustained-peak memory bandwidth, e.g. "3.35 TB/s"'),
        capacity: Quantity('memory the model can use, e.g. "80 GB"; weights plus the largest layer\'s activations must fit'),
        source: Source,
      },
      { additionalProperties: false },
    ),
    power: Type.Object(
      {
        idle: Quantity('power when idle, e.g. "60 W"'),
        active: Quantity('power while a layer runs (compute- or memory-bound), e.g. "700 W"'),
        source: Source,
      },
      { additionalProperties: false },
    ),
    sustainedEfficiency: Sourced(
      Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
      'fraction of peak ops/s a well-tuned kernel sustains on large layers, 0–1',
    ),
    launchOverhead: Quantity('fixed time per operator (kernel launch, dispatch), e.g. "5 us"'),
    invokeOverhead: Type.Optional(Quantity('fixed time per inference before the first operator, e.g. "0.2 ms" (default 0)')),
    unsupportedLayerTypes: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        uniqueItems: true,
        description: 'layer types the device cannot run (its runtime falls back or refuses), e.g. ["softmax"]',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DeviceSpec = Static<typeof DeviceSpec>;

/** A network link between an edge device and the cloud, with the radio's energy. */
export const LinkSpec = Type.Object(
  {
    ...DocumentHeader,
    kind: Type.Literal('link', { description: 'a network link (link)' }),
    uplink: Quantity('sustained uplink throughput, e.g. "6 Mb/s"'),
    downlink: Quantity('sustained downlink throughput, e.g. "13 Mb/s"'),
    rtt: Quantity('round-trip time, e.g. "70 ms"'),
    uplinkEnergyPerBit: Sourced(Type.Number({ minimum: 0, maximum: 1e-3 }), 'radio energy per uplink bit above the active base power, J/bit'),
    downlinkEnergyPerBit: Sourced(Type.Number({ minimum: 0, maximum: 1e-3 }), 'radio energy per downlink bit above the active base power, J/bit'),
    activePower: Quantity('radio base power while a transfer (and its round trip) is under way, e.g. "1.288 W"'),
    tailPower: Type.Optional(Quantity('radio power in the tail after a transfer, e.g. "1.06 W" (default 0)')),
    tailTime: Type.Optional(Quantity('how long the radio stays in its tail state after a transfer, e.g. "11.6 s" (default 0)')),
  },
  { additionalProperties: false },
);
export type LinkSpec = Static<typeof LinkSpec>;
