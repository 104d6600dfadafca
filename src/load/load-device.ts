import { join } from 'node:path';
import { displayPath, presetDir } from '../config/paths.js';
import { readJson } from '../config/read-json.js';
import { listBuiltins, resolveExtends } from '../config/resolve-extends.js';
import { DeviceSpec, LinkSpec } from '../config/schemas/device.js';
import { parseQuantity } from '../config/units.js';
import { SourceLog } from '../config/sourced.js';
import { fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import { buildRooflineDevice, type RooflineDevice } from '../hardware/roofline-device.js';
import { existsSync } from 'node:fs';

/** Folder of built-in roofline devices (CPUs, GPUs, phone NPUs). */
export const deviceDir = (): string => join(presetDir(), 'devices');
/** Folder of built-in network links (Wi-Fi, LTE, 5G). */
export const linkDir = (): string => join(presetDir(), 'links');

/** Names of the built-in roofline devices. */
export const listDevices = (): string[] => listBuiltins(deviceDir());
/** Names of the built-in links. */
export const listLinks = (): string[] => listBuiltins(linkDir());

const isPath = (ref: string) => ref.endsWith('.json') || ref.includes('/') || ref.includes('\\');

/** True when `ref` names a built-in roofline device or a device file (`"kind": "roofline-device"`). */
export function isDeviceRef(ref: string): boolean {
  if (!isPath(ref)) return existsSync(join(deviceDir(), `${ref}.json`));
  if (!existsSync(ref)) return false;
  const doc = readJson(ref);
  return doc !== null && typeof doc === 'object' && (doc as { kind?: unknown }).kind === 'roofline-device';
}

/** Loads a roofline device from a built-in name or a file; `where` is blamed for an unknown name. */
export function loadDevice(ref: string, where = '--devices'): RooflineDevice {
  const file = isPath(ref) ? ref : join(deviceDir(), `${ref}.json`);
  if (!existsSync(file)) fail(where, undefined, `unknown device "${ref}"; known: ${listDevices().join(', ')} (or a file)`);
  const { data } = resolveExtends(file, deviceDir());
  const device = buildRooflineDevice(validateAgainst<DeviceSpec>(DeviceSpec, data, displayPath(file)), displayPath(file));
  return isPath(ref) ? device : { ...device, origin: `device "${ref}"` };
}

/** A link in SI units. */
export interface Link {
  readonly name: string;
  readonly description?: string;
  readonly uplinkBitsPerSecond: number;
  readonly downlinkBitsPerSecond: number;
  readonly rttSeconds: number;
  readonly uplinkJoulesPerBit: number;
  readonly downlinkJoulesPerBit: number;
  readonly activeWatts: number;
  readonly tailWatts: number;
  readonly tailSeconds: number;
  readonly sources: Readonly<Record<string, string>>;
}

/** Builds a link from a schema-valid spec (`file` and `at` say where it was written, for messages). */
export function buildLink(spec: LinkSpec, file: string | undefined, at = ''): Link {
  const log = new SourceLog();
  log.note(spec.source, at);
  const q = (v: Parameters<SourceLog['take']>[0], dim: Parameters<typeof parseQuantity>[1], path: string) =>
    parseQuantity(log.take(v as never, `${at}${path}`) as number | string, dim, file, `${at}${path}`);
  const up = q(spec.uplink, 'bytesPerSecond', '/uplink');
  const down = q(spec.downlink, 'bytesPerSecond', '/downlink');
  if (up <= 0) fail(file, `${at}/uplink`, 'uplink throughput must be > 0');
  if (down <= 0) fail(file, `${at}/downlink`, 'downlink throughput must be > 0');
  return {
    name: spec.name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    uplinkBitsPerSecond: 8 * up,
    downlinkBitsPerSecond: 8 * down,
    rttSeconds: q(spec.rtt, 'seconds', '/rtt'),
    uplinkJoulesPerBit: log.take(spec.uplinkEnergyPerBit, `${at}/uplinkEnergyPerBit`),
    downlinkJoulesPerBit: log.take(spec.downlinkEnergyPerBit, `${at}/downlinkEnergyPerBit`),
    activeWatts: q(spec.activePower, 'watts', '/activePower'),
    tailWatts: spec.tailPower === undefined ? 0 : q(spec.tailPower, 'watts', '/tailPower'),
    tailSeconds: spec.tailTime === undefined ? 0 : q(spec.tailTime, 'seconds', '/tailTime'),
    sources: log.entries,
  };
}

/** Loads a built-in link by name (`wifi`, `lte`, `5g`) or a link file; `where` is blamed for an unknown name. */
export function loadLink(ref: string, where: string, path?: string): Link {
  const file = isPath(ref) ? ref : join(linkDir(), `${ref}.json`);
  if (!existsSync(file)) fail(where, path, `unknown link "${ref}"; known: ${listLinks().join(', ')} (or a link file)`);
  const { data } = resolveExtends(file, linkDir());
  return buildLink(validateAgainst<LinkSpec>(LinkSpec, data, displayPath(file)), displayPath(file));
}
