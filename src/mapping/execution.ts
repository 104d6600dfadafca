import { kindOf, type Arch } from '../hardware/arch.js';
import type { ComponentModel, Execution } from '../hardware/component.js';
import { plainExecution } from '../hardware/tensor-storage.js';
import type { Layer } from '../workload/graph.js';
import { precisionBits } from '../workload/precision.js';

/** How a layer executes on its unit (a view, on none): precision, packing and what sparsity saves. */
export function planExecution(arch: Arch, layer: Layer, unit: ComponentModel | undefined): Execution {
  const execution = unit && kindOf(unit).execution;
  const e = execution ? execution(unit, layer, arch.formats, arch.origin) : plainExecution(layer, arch.formats);
  // A block or group format (MX, group-wise scales, palettes) stores its weights at its own bits, overhead
  // included, unless the unit declares it cannot decode them: then they are widened to its MAC precision first.
  if (layer.weightBits === undefined) return e;
  const expand = (unit as { readonly weightDecode?: string } | undefined)?.weightDecode === 'expand';
  return { ...e, bytes: { ...e.bytes, weight: expand ? precisionBits(e.macPrecision) / 8 : layer.weightBits / 8 } };
}
