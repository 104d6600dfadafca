import type { DeviceClass } from '../config/schemas/device.js';

/** A device class's expected power and peak range. */
export interface ClassRange {
  readonly label: string;
  /** [low, high] in W. */
  readonly watts: readonly [number, number];
  /** [low, high] dense int8 peak in ops/s. */
  readonly opsPerSecond: readonly [number, number];
  readonly source: string;
  /** The seed range, where the evidence made us revise or split it. */
  readonly seed?: { readonly watts: readonly [number, number]; readonly opsPerSecond: readonly [number, number] };
}

const SEED =
  "the seed's device-class table as issue 13 quotes it (CPU 15–100 W, 1–10 TOPS; GPU 75–300 W, 10–150; NPU 1–10 W, 1–20; edge accelerator 0.5–5 W, 0.5–10)";
const T = 1e12;
/** The seed table's rows, in numbers (as SEED states them). */
const SEED_ROWS = {
  cpu: { watts: [15, 100], opsPerSecond: [1 * T, 10 * T] },
  gpu: { watts: [75, 300], opsPerSecond: [10 * T, 150 * T] },
  npu: { watts: [1, 10], opsPerSecond: [1 * T, 20 * T] },
  edge: { watts: [0.5, 5], opsPerSecond: [0.5 * T, 10 * T] },
} as const;

/**
 * Ranges per class. The seed table predates current parts; where public figures of several devices
 * (not only ours) put a class elsewhere, the row is revised or split, and says so.
 */
export const CLASS_RANGES: Readonly<Record<DeviceClass, ClassRange>> = {
  cpu: {
    label: 'CPU',
    watts: [15, 125],
    opsPerSecond: [1 * T, 10 * T],
    seed: SEED_ROWS.cpu,
    source: `${SEED}; upper power bound raised to 125 W, the processor base power (PL1) of mainstream desktop parts: Intel Core i9-11900K, i9-12900K, i9-13900K and i9-14900K are all 125 W on Intel ARK`,
  },
  'phone-cpu': {
    label: 'phone CPU',
    watts: [1, 12],
    opsPerSecond: [0.3 * T, 3 * T],
    source:
      'not in the seed table; estimated: a phone SoC sustains a few watts, and its CPU cluster bursts to about 10 W with every core busy (no vendor publishes it); dense int8 peak derived as in our Snapdragon preset (8 Arm cores, 128-bit NEON SDOT, 2–3.5 GHz) gives 0.5–2 TOPS',
  },
  gpu: {
    label: 'GPU',
    ...SEED_ROWS.gpu,
    source: `${SEED}; kept for desktop and inference cards of the seed's era (NVIDIA T4: 70 W, 130 dense INT8 TOPS, T4 datasheet)`,
  },
  'datacenter-gpu': {
    label: 'datacenter GPU',
    watts: [300, 1000],
    opsPerSecond: [100 * T, 5000 * T],
    seed: SEED_ROWS.gpu,
    source:
      "split from the seed's GPU row, which fits ~2018 parts: NVIDIA datasheets give A100 SXM 400 W and 624 dense INT8 TOPS, H100 SXM 700 W and 1,979 dense INT8 TOPS; NVIDIA's B200 is rated 1,000 W and 4.5 dense FP8 POPS (NVIDIA HGX B200 page; verify)",
  },
  'edge-gpu': {
    label: 'edge GPU',
    watts: [7, 60],
    opsPerSecond: [10 * T, 150 * T],
    seed: SEED_ROWS.gpu,
    source:
      "split from the seed's GPU row, which has no module-class GPUs: NVIDIA's Jetson modules page gives Orin Nano 7–15 W at 20–40 sparse INT8 TOPS and AGX Orin 64GB 15–60 W at 275 sparse TOPS (dense is half)",
  },
  npu: {
    label: 'NPU',
    watts: [1, 10],
    opsPerSecond: [1 * T, 50 * T],
    seed: SEED_ROWS.npu,
    source: `${SEED}; upper peak bound raised to 50 TOPS: Apple quotes 35 TOPS for A17 Pro and 38 for M4, Qualcomm 45 for Snapdragon X Elite's NPU, Intel about 48 for Lunar Lake's (vendor launch figures as quoted in press coverage of the M4 launch)`,
  },
  'edge-accelerator': {
    label: 'edge accelerator',
    ...SEED_ROWS.edge,
    source: `${SEED}; Coral's Edge TPU (4 TOPS at about 2 W) sits inside it`,
  },
  'micro-npu': {
    label: 'microNPU',
    watts: [0.01, 0.5],
    opsPerSecond: [0.01 * T, 0.5 * T],
    source:
      'not in the seed table; added: Arm Ethos-U55 runs 32–256 MACs per cycle, up to 0.5 TOPS (https://www.arm.com/products/silicon-ip-cpu/ethos/ethos-u55), in microcontrollers drawing well under 0.5 W',
  },
};

/** The verdict of one device against its class's range. */
export interface ClassCheck {
  readonly class: DeviceClass;
  readonly inRange: boolean;
  /** One line per bound crossed ("peak 1979 TOPS above the GPU range's 150"); empty when in range. */
  readonly flags: readonly string[];
  /** The same check against the seed table's row, where ours revises it; empty when inside the seed row too. */
  readonly seedFlags?: readonly string[];
}

const tops = (v: number) => `${Number((v / 1e12).toPrecision(3))} TOPS`;
const watts = (v: number) => `${Number(v.toPrecision(3))} W`;

function crossings(label: string, r: Pick<ClassRange, 'watts' | 'opsPerSecond'>, powerWatts: number, peak: number): string[] {
  const flags: string[] = [];
  const check = (v: number, [lo, hi]: readonly [number, number], what: string, fmt: (x: number) => string) => {
    if (v < lo) flags.push(`${what} ${fmt(v)} below the ${label} range (${fmt(lo)}–${fmt(hi)})`);
    else if (v > hi) flags.push(`${what} ${fmt(v)} above the ${label} range (${fmt(lo)}–${fmt(hi)})`);
  };
  check(powerWatts, r.watts, 'power', watts);
  check(peak, r.opsPerSecond, 'peak', tops);
  return flags;
}

/** Checks a device's power and dense int8 peak against its class's range (and the seed row it revises). */
export function checkClass(cls: DeviceClass, powerWatts: number, peakOpsPerSecond: number): ClassCheck {
  const r = CLASS_RANGES[cls];
  const flags = crossings(r.label, r, powerWatts, peakOpsPerSecond);
  const base = { class: cls, inRange: flags.length === 0, flags };
  if (r.seed === undefined) return base;
  return { ...base, seedFlags: crossings(`seed ${r.label}`, r.seed, powerWatts, peakOpsPerSecond) };
}

/** The class of one of our cycle-simulated presets, by its name. */
export function classOfPreset(name: string): DeviceClass {
  if (name.startsWith('ethos-u')) return 'micro-npu';
  if (name.startsWith('apple-ane')) return 'npu';
  return 'edge-accelerator';
}
