import { residencyOf, type Arch, type SramBuffer } from '../hardware/arch.js';
import type { RoleBytes } from '../hardware/component.js';
import type { Graph } from '../workload/graph.js';

/** What stays on chip across layers. */
export interface ResidencyPlan {
  /** Per layer: its output stays on chip for its consumers. */
  readonly kept: readonly boolean[];
  /** Layers whose weights are pinned on chip across inferences. */
  readonly cached: ReadonlySet<string>;
  readonly pinnedBytes: number;
}

/** What the residency decisions need to know of each layer. */
export interface LayerNeeds {
  /** The SRAM beyond which more room saves it nothing, with its weights in SRAM or pinned. */
  readonly room: (cached: boolean) => RoleBytes;
  /** Bytes of its output, and of its weights kept in SRAM (0 if its unit keeps them or it has none). */
  readonly outputBytes: number;
  readonly weightBytes: number;
  /** Stored bytes per element of its inputs. */
  readonly inputElementBytes: number;
}

/**
 * What one level holds through the network: per layer, the room its working set uses there,
 * and the bytes of pinned weights and kept tensors living across it.
 */
class Occupancy {
  private readonly held: number[];

  constructor(
    readonly level: SramBuffer,
    private readonly own: (k: number) => number,
    layers: number,
  ) {
    this.held = new Array<number>(layers).fill(0);
  }

  /** Whether `extra` more bytes at every layer of `span` (a map layer → bytes) still fit. */
  fits(span: ReadonlyMap<number, number>): boolean {
    for (const [k, extra] of span) if (this.held[k] + this.own(k) + extra > this.level.bytes) return false;
    return true;
  }

  add(span: ReadonlyMap<number, number>): void {
    for (const [k, extra] of span) this.held[k] += extra;
  }
}

/**
 * Decides which layers' weights are pinned on chip (Edge TPU-style, in layer order) and which
 * outputs stay on chip for later layers, so that neither ever takes room a layer's working set
 * uses: each is taken only if, through every layer it lives across, it fits beside that layer's
 * working set and what is already pinned or kept. A bigger buffer therefore never squeezes a
 * layer, and never turns a layer that ran into one that cannot be tiled.
 */
export function planResidency(
  arch: Arch,
  graph: Graph,
  layers: readonly LayerNeeds[],
  lastUse: ReadonlyMap<string, number>,
): ResidencyPlan {
  const n = graph.layers.length;
  const inLevel = (level: SramBuffer, w: RoleBytes) => level.holds.reduce((s, r) => s + w[r], 0);
  const cached = new Set<string>();
  const activations = residencyOf(arch, 'input');
  const weights = residencyOf(arch, 'weight');
  // Per level, each layer's own use of it (its working set, its weights out once pinned).
  const occupancy = new Map<SramBuffer, Occupancy>();
  const at = (level: SramBuffer) => {
    if (!occupancy.has(level)) {
      const name = (k: number) => graph.layers[k].name;
      occupancy.set(level, new Occupancy(level, (k) => inLevel(level, layers[k].room(cached.has(name(k)))), n));
    }
    return occupancy.get(level)!;
  };
  const kept = keepOutputs(arch, graph, layers, lastUse, at(activations));
  const pinnedBytes = pinWeights(arch, graph, layers, at(weights), cached);
  return { kept, cached, pinnedBytes };
}

/** Pins weights in layer order while they fit through every layer (a pinned layer's own weights leave its working set). */
function pinWeights(arch: Arch, graph: Graph, layers: readonly LayerNeeds[], level: Occupancy, cached: Set<string>): number {
  let pinnedBytes = 0;
  if (!arch.options.cacheWeights) return 0;
  graph.layers.forEach((layer, j) => {
    const w = layers[j].weightBytes;
    if (w <= 0) return;
    const gain = level.level.holds.includes('weight') ? layers[j].room(false).weight - layers[j].room(true).weight : 0;
    const span = new Map(graph.layers.map((_, k) => [k, k === j ? w - gain : w]));
    if (!level.fits(span)) return;
    cached.add(layer.name);
    pinnedBytes += w;
    // Its own working set now holds no weights: they are all counted as pinned.
    level.add(new Map(graph.layers.map((_, k) => [k, w])));
  });
  return pinnedBytes;
}

/**
 * Keeps outputs in layer order while they fit: a kept tensor takes its bytes at every layer it
 * lives across, except where it is already part of that layer's working set (the layer that
 * produces it, and those that read it, directly or through views).
 */
function keepOutputs(
  arch: Arch,
  graph: Graph,
  layers: readonly LayerNeeds[],
  lastUse: ReadonlyMap<string, number>,
  level: Occupancy,
): boolean[] {
  const n = graph.layers.length;
  const hosted = level.level.graphTensors;
  const readers = readersThroughViews(graph);
  // Bytes of the tensor beyond what layer k's own working set already holds of its role there.
  const span = (t: string, from: number, last: number, bytes: number, producer: number) => {
    const reads = readers.get(t) ?? new Set<number>();
    const out = new Map<number, number>();
    for (let k = Math.max(0, from); k <= last; k++) {
      const room = layers[k].room(false);
      const own = k === producer ? room.output : reads.has(k) ? room.input : 0;
      out.set(k, Math.max(0, bytes - own));
    }
    return out;
  };
  // The network's own input, when the level hosts it, is there whatever is decided.
  if (hosted) {
    for (const t of graph.inputs) {
      const first = graph.layers.findIndex((l) => l.inputs.includes(t.name));
      if (first >= 0) level.add(span(t.name, 0, lastUse.get(t.name) ?? -1, t.elements * layers[first].inputElementBytes, -1));
    }
  }
  const kept = graph.layers.map(() => false);
  const onChip = new Map<string, boolean>(graph.inputs.map((t) => [t.name, hosted]));
  graph.layers.forEach((layer, i) => {
    const stays = arch.options.keepActivationsOnChip && (hosted || lastUse.get(layer.name) !== undefined);
    if (layer.op.kind === 'view') kept[i] = stays && layer.inputs.every((t) => onChip.get(t) ?? false);
    else if (stays) {
      const s = span(layer.name, i, lastUse.get(layer.name) ?? n - 1, layers[i].outputBytes, i);
      if (level.fits(s)) {
        kept[i] = true;
        level.add(s);
      }
    }
    onChip.set(layer.name, kept[i]);
  });
  return kept;
}

/** The layers that read each tensor, directly or through views of it. */
export function readersThroughViews(graph: Graph): Map<string, Set<number>> {
  const aliases = new Map<string, string[]>();
  for (const t of graph.inputs) aliases.set(t.name, [t.name]);
  graph.layers.forEach((l) => aliases.set(l.name, [l.name]));
  // A view's output is its inputs' data: whoever reads the view reads them too.
  graph.layers.forEach((l) => {
    if (l.op.kind !== 'view') return;
    for (const t of l.inputs) for (const [, names] of aliases) if (names.includes(t)) names.push(l.name);
  });
  const out = new Map<string, Set<number>>();
  for (const [name, names] of aliases) {
    const readers = new Set<number>();
    graph.layers.forEach((l, k) => {
      if (l.inputs.some((x) => names.includes(x))) readers.add(k);
    });
    out.set(name, readers);
  }
  return out;
}
