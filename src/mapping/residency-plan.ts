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
  /** Persistent graph inputs (a KV cache) held on chip through the whole run, and their bytes. */
  readonly resident: ReadonlySet<string>;
  readonly residentBytes: number;
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

/** Bytes a candidate adds at layer k (0 where the layer already holds it). */
type Extra = (k: number) => number;

/**
 * What one level holds through the network: per layer, the room its working set uses there,
 * and the bytes of pinned weights and kept tensors living across it.
 */
class Occupancy {
  private readonly held: number[];
  /** Per layer, the room its working set uses here with its weights in SRAM, and once pinned. */
  private readonly own: readonly (readonly [number, number])[];
  private readonly pinned: boolean[];

  constructor(
    readonly level: SramBuffer,
    layers: readonly LayerNeeds[],
  ) {
    const inLevel = (w: RoleBytes) => level.holds.reduce((s, r) => s + w[r], 0);
    this.own = layers.map((l) => [inLevel(l.room(false)), inLevel(l.room(true))] as const);
    this.held = layers.map(() => 0);
    this.pinned = layers.map(() => false);
  }

  private use(k: number): number {
    return this.held[k] + this.own[k][this.pinned[k] ? 1 : 0];
  }

  /** Whether `extra` more bytes at every layer from `from` to `to` still fit. */
  fits(from: number, to: number, extra: Extra): boolean {
    for (let k = from; k <= to; k++) if (this.use(k) + extra(k) > this.level.bytes) return false;
    return true;
  }

  add(from: number, to: number, extra: Extra): void {
    for (let k = from; k <= to; k++) this.held[k] += extra(k);
  }

  /** Layer k's weights are pinned: its own room loses them, and `bytes` are held at every layer. */
  pin(k: number, bytes: number): void {
    this.pinned[k] = true;
    this.add(0, this.held.length - 1, () => bytes);
  }

  /** What pinning layer k's weights frees of its own working set here. */
  freedByPinning(k: number): number {
    return this.own[k][0] - this.own[k][1];
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
  const cached = new Set<string>();
  const levels = new Map<SramBuffer, Occupancy>();
  const at = (level: SramBuffer) => {
    if (!levels.has(level)) levels.set(level, new Occupancy(level, layers));
    return levels.get(level)!;
  };
  const { resident, residentBytes } = placePersistent(arch, graph, layers, at(residencyOf(arch, 'input')));
  const kept = keepOutputs(arch, graph, layers, lastUse, at(residencyOf(arch, 'input')), resident);
  const pinnedBytes = pinWeights(arch, graph, layers, at(residencyOf(arch, 'weight')), cached);
  return { kept, cached, pinnedBytes, resident, residentBytes };
}

/**
 * Holds the graph's persistent inputs (a KV cache) in the activations' level, all of them or
 * none, when they fit beside every layer's working set; they are placed before outputs are kept,
 * because they are read again on every run. They take their bytes at every layer, their
 * readers' included (conservative: a reader's working set may count them again).
 */
function placePersistent(
  arch: Arch,
  graph: Graph,
  layers: readonly LayerNeeds[],
  level: Occupancy,
): { resident: Set<string>; residentBytes: number } {
  const names = new Set(graph.persistent ?? []);
  const none = { resident: new Set<string>(), residentBytes: 0 };
  if (names.size === 0 || !arch.options.keepActivationsOnChip) return none;
  let bytes = 0;
  for (const t of graph.inputs) {
    if (!names.has(t.name)) continue;
    const reader = graph.layers.findIndex((l) => l.inputs.includes(t.name));
    if (reader >= 0) bytes += t.elements * layers[reader].inputElementBytes;
  }
  const last = graph.layers.length - 1;
  if (last < 0 || !level.fits(0, last, () => bytes)) return none;
  level.add(0, last, () => bytes);
  return { resident: names, residentBytes: bytes };
}

/** Pins weights in layer order while they fit through every layer (a pinned layer's own weights leave its working set). */
function pinWeights(arch: Arch, graph: Graph, layers: readonly LayerNeeds[], level: Occupancy, cached: Set<string>): number {
  if (!arch.options.cacheWeights) return 0;
  let pinnedBytes = 0;
  const last = graph.layers.length - 1;
  graph.layers.forEach((layer, j) => {
    const w = layers[j].weightBytes;
    if (w <= 0) return;
    const freed = level.freedByPinning(j);
    if (!level.fits(0, last, (k) => (k === j ? w - freed : w))) return;
    cached.add(layer.name);
    pinnedBytes += w;
    level.pin(j, w);
  });
  return pinnedBytes;
}

/**
 * Keeps outputs, most DRAM bytes saved per room held first, while they fit: a kept tensor takes its bytes at every layer it
 * lives across, except where it is already part of that layer's working set (the layer that
 * produces it, and those that read it, directly or through views).
 */
function keepOutputs(
  arch: Arch,
  graph: Graph,
  layers: readonly LayerNeeds[],
  lastUse: ReadonlyMap<string, number>,
  level: Occupancy,
  resident: ReadonlySet<string> = new Set(),
): boolean[] {
  const n = graph.layers.length;
  const hosted = level.level.graphTensors;
  const readers = readersThroughViews(graph);
  // Bytes of the tensor beyond what layer k's own working set already holds of its role there.
  const extra =
    (t: string, bytes: number, producer: number): Extra =>
    (k) => {
      const room = layers[k].room(false);
      const own = k === producer ? room.output : (readers.get(t)?.has(k) ?? false) ? room.input : 0;
      return Math.max(0, bytes - own);
    };
  // The network's own input, when the level hosts it, is there whatever is decided.
  const persistent = new Set(graph.persistent ?? []);
  if (hosted) {
    for (const t of graph.inputs) {
      if (persistent.has(t.name)) continue;
      const first = graph.layers.findIndex((l) => l.inputs.includes(t.name));
      if (first >= 0) level.add(0, lastUse.get(t.name) ?? -1, extra(t.name, t.elements * layers[first].inputElementBytes, -1));
    }
  }
  const kept = graph.layers.map(() => false);
  const stays = (i: number) => arch.options.keepActivationsOnChip && (hosted || lastUse.get(graph.layers[i].name) !== undefined);
  const span = (i: number) => [i, lastUse.get(graph.layers[i].name) ?? n - 1] as const;
  const out = (i: number) => extra(graph.layers[i].name, layers[i].outputBytes, i);
  // Tensors seen together through a view (a concat's parts) stay or go together: a part kept
  // alone is written out by the view anyway, later and as a bare copy.
  const groups = viewGroups(graph).filter((g) => g.every(stays));
  // Most DRAM bytes saved per byte-layer of room held first: a kept tensor saves its write and
  // each reader's read, and holds room through its whole life beyond the working sets it is
  // part of. In plain layer order, a bigger buffer let a long-lived skip tensor in early, and it
  // crowded out many short-lived ones that saved more.
  const priority = groups.map((g) => {
    let saved = 0;
    let held = 0;
    for (const i of g) {
      saved += layers[i].outputBytes * (1 + (readers.get(graph.layers[i].name)?.size ?? 0));
      const [from, to] = span(i);
      const e = out(i);
      for (let k = from; k <= to; k++) held += e(k);
    }
    return saved / (1 + held);
  });
  const order = groups.map((_, g) => g).sort((a, b) => priority[b] - priority[a] || groups[a][0] - groups[b][0]);
  for (const g of order) {
    const members = groups[g];
    const taken: number[] = [];
    for (const i of members) {
      const [from, to] = span(i);
      if (!level.fits(from, to, out(i))) break;
      level.add(from, to, out(i));
      taken.push(i);
    }
    if (taken.length === members.length) for (const i of members) kept[i] = true;
    else for (const i of taken) level.add(...span(i), (k) => -out(i)(k));
  }
  // A view is on chip where everything it views is.
  const onChip = new Map<string, boolean>(
    graph.inputs.map((t) => [t.name, persistent.has(t.name) ? resident.has(t.name) : hosted]),
  );
  graph.layers.forEach((layer, i) => {
    if (layer.op.kind === 'view') kept[i] = stays(i) && layer.inputs.every((t) => onChip.get(t) ?? false);
    onChip.set(layer.name, kept[i]);
  });
  return kept;
}

/**
 * The layers (not views) whose outputs are seen together through views, each group in layer
 * order: a concat joins its parts, a view of a view joins the parts of both.
 */
export function viewGroups(graph: Graph): number[][] {
  const index = new Map(graph.layers.map((l, i) => [l.name, i]));
  const parent = graph.layers.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  graph.layers.forEach((l, i) => {
    if (l.op.kind !== 'view') return;
    for (const t of l.inputs) {
      const j = index.get(t);
      if (j !== undefined) parent[find(j)] = find(i);
    }
  });
  const groups = new Map<number, number[]>();
  graph.layers.forEach((l, i) => {
    if (l.op.kind === 'view') return;
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(i);
  });
  return [...groups.values()];
}

/** The layers that read each tensor, directly or through views of it. */
export function readersThroughViews(graph: Graph): Map<string, Set<number>> {
  // A view's output is its inputs' data: whoever reads the view reads them too.
  const sourcesOf = new Map<string, readonly string[]>();
  for (const t of graph.inputs) sourcesOf.set(t.name, [t.name]);
  for (const l of graph.layers) {
    sourcesOf.set(
      l.name,
      l.op.kind === 'view' ? [l.name, ...new Set(l.inputs.flatMap((t) => sourcesOf.get(t) ?? [t]))] : [l.name],
    );
  }
  const out = new Map<string, Set<number>>([...sourcesOf.keys()].map((name) => [name, new Set<number>()]));
  graph.layers.forEach((l, k) => {
    for (const t of l.inputs) for (const source of sourcesOf.get(t) ?? [t]) out.get(source)?.add(k);
  });
  return out;
}
