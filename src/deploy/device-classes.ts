import type { DeviceClass } from '../config/schemas/device.js';

/** A device class's expected power and peak range, as the comparison table states it. */
export interface ClassRange {
  readonly label: string;
  /** [low, high] in W. */
  readonly watts: readonly [number, number];
  /** [low, high] dense int8 peak in ops/s. */
  readonly opsPerSecond: readonly [number, number];
  readonly source: string;
}

const TABLE =
  "the field's device-class table as issue 13 states it (CPU 15–100 W, 1–10 TOPS; GPU 75–300 W, 10–150; NPU 1–10 W, 1–20; edge accelerator 0.5–5 W, 0.5–10)";

/** Ranges per class. The micro-NPU row is not in the table; it is ours, from Arm's Ethos-U55 figures. */
export const CLASS_RANGES: Readonly<Record<DeviceClass, ClassRange>> = {
  cpu: { label: 'CPU', watts: [15, 100], opsPerSecond: [1e12, 10e12], source: TABLE },
  gpu: { label: 'GPU', watts: [75, 300], opsPerSecond: [10e12, 150e12], source: TABLE },
  npu: { label: 'NPU', watts: [1, 10], opsPerSecond: [1e12, 20e12], source: TABLE },
  'edge-accelerator': { label: 'edge accelerator', watts: [0.5, 5], opsPerSecond: [0.5e12, 10e12], source: TABLE },
  'micro-npu': {
    label: 'microNPU',
    watts: [0.01, 0.5],
    opsPerSecond: [0.01e12, 0.5e12],
    source:
      'not in the table; added: Arm Ethos-U55 runs 32–256 MACs per cycle, up to 0.5 TOPS (https://www.arm.com/products/silicon-ip-cpu/ethos/ethos-u55), in microcontrollers drawing well under 0.5 W',
  },
};

/** The verdict of one device against its class's range. */
export interface ClassCheck {
  readonly class: DeviceClass;
  readonly inRange: boolean;
  /** One line per bound crossed ("peak 1979 TOPS above the GPU range's 150"); empty when in range. */
  readonly flags: readonly string[];
}

const tops = (v: number) => `${Number((v / 1e12).toPrecision(3))} TOPS`;
const watts = (v: number) => `${Number(v.toPrecision(3))} W`;

/** Checks a device's power and dense int8 peak against its class's range. */
export function checkClass(cls: DeviceClass, powerWatts: number, peakOpsPerSecond: number): ClassCheck {
  const r = CLASS_RANGES[cls];
  const flags: string[] = [];
  const check = (v: number, [lo, hi]: readonly [number, number], what: string, fmt: (x: number) => string) => {
    if (v < lo) flags.push(`${what} ${fmt(v)} below the ${r.label} range (${fmt(lo)}–${fmt(hi)})`);
    else if (v > hi) flags.push(`${what} ${fmt(v)} above the ${r.label} range (${fmt(lo)}–${fmt(hi)})`);
  };
  check(powerWatts, r.watts, 'power', watts);
  check(peakOpsPerSecond, r.opsPerSecond, 'peak', tops);
  return { class: cls, inRange: flags.length === 0, flags };
}

/** The class of one of our cycle-simulated presets, by its name. */
export function classOfPreset(name: string): DeviceClass {
  if (name.startsWith('ethos-u')) return 'micro-npu';
  if (name.startsWith('apple-ane')) return 'npu';
  return 'edge-accelerator';
}
