import type { Arch } from '../hardware/arch.js';
import type { RooflineDevice } from '../hardware/roofline-device.js';
import { listBuiltins } from '../config/resolve-extends.js';
import { presetDir } from '../config/paths.js';
import { fail } from '../config/user-error.js';
import { loadArch } from '../load/load-arch.js';
import { isDeviceRef, listDevices, loadDevice } from '../load/load-device.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a model could run: a roofline device, or one of our cycle-simulated architectures. */
export type Candidate =
  | { readonly kind: 'roofline'; readonly name: string; readonly device: RooflineDevice }
  | { readonly kind: 'simulated'; readonly name: string; readonly arch: Arch };

/**
 * A device named on the command line or in a plan: a built-in roofline device, a built-in arch
 * preset, or a file of either. `where` (a flag or a file) and `path` are blamed for an unknown name.
 */
export function loadCandidate(ref: string, where: string, path?: string): Candidate {
  const name = ref.trim();
  if (!name) fail(where, path, 'expected a device name');
  if (isDeviceRef(name)) {
    const device = loadDevice(name, where);
    return { kind: 'roofline', name: device.name, device };
  }
  const isPath = name.endsWith('.json') || name.includes('/') || name.includes('\\');
  if (!isPath && !existsSync(join(presetDir(), `${name}.json`)))
    fail(
      where,
      path,
      `unknown device "${name}"; known roofline devices: ${listDevices().join(', ')}; cycle-simulated presets: ${listBuiltins(presetDir()).join(', ')} (or a device or arch JSON file)`,
    );
  const arch = loadArch(name, where);
  return { kind: 'simulated', name: arch.name, arch };
}
