import { fail } from '../config/user-error.js';
import { kindOf, type Arch } from '../hardware/arch.js';
import type { ComponentModel } from '../hardware/component.js';
import type { Layer } from '../workload/graph.js';
import { lowerLayer } from '../workload/lower-layer.js';

/**
 * Where a layer runs: the unit whose kind takes its work best (ties: the first in the arch), or
 * none for a view. Weight-bearing convolutions and dense layers thus go to crossbars when the
 * arch has them, and layers that map badly onto crossbars to its digital array.
 */
export function chooseUnit(arch: Arch, layer: Layer): ComponentModel | undefined {
  const work = lowerLayer(layer);
  if (work.kind === 'none') return undefined;
  let best: ComponentModel | undefined;
  let bestScore = 0;
  for (const u of arch.units) {
    const score = kindOf(u).affinity(u, work, layer);
    if (score > bestScore) {
      best = u;
      bestScore = score;
    }
  }
  return best ?? fail(arch.origin, '/compute', `no compute unit can run layer "${layer.name}" (${layer.type})`);
}
