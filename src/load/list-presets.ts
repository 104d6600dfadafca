import { join } from 'node:path';
import { sizeArch } from '../sim/size-arch.js';
import { describeCompute, peakOpsPerSecond } from '../hardware/arch.js';
import { loadArch } from './load-arch.js';
import { presetDir } from '../config/paths.js';
import { listBuiltins } from '../config/resolve-extends.js';

/** Headline numbers of one preset. */
export interface PresetSummary {
  readonly name: string;
  readonly description?: string;
  /** "64×64 ws", crossbars, or both. */
  readonly compute: string;
  readonly clockHz: number;
  readonly peakOpsPerSecond: number;
  readonly sramBytes: number;
  /** null for ideal memory. */
  readonly dramBytesPerSecond: number | null;
  /** Silicon area of its components (mm²) and the area table it comes from; null when no table sizes it. */
  readonly areaMm2: number | null;
  readonly areaTable: string | null;
}

/** Every built-in architecture preset, loaded and summarised. */
export function listPresets(): PresetSummary[] {
  return listBuiltins(presetDir()).map((name) => {
    const a = loadArch(join(presetDir(), `${name}.json`));
    const area = sizeArch(a);
    return {
      name,
      description: a.description,
      compute: describeCompute(a),
      clockHz: a.clockHz,
      peakOpsPerSecond: peakOpsPerSecond(a),
      sramBytes: a.sram.reduce((s, b) => s + b.bytes, 0),
      dramBytesPerSecond: a.dram.ideal ? null : a.dram.bytesPerSecond,
      areaMm2: area?.areaMm2 ?? null,
      areaTable: area?.table.name ?? null,
    };
  });
}
