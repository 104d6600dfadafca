import { fail } from '../config/user-error.js';
import { kindOf, residencyOf, timedChannels, type Arch } from '../hardware/arch.js';
import type { ComponentModel, ElementBytes, Execution } from '../hardware/component.js';
import type { Graph, Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { hasParameterWeights } from '../workload/lower-layer.js';
import { boundariesOf } from './boundaries.js';
import { chooseUnit } from './choose-unit.js';
import { planExecution } from './execution.js';
import type { LayerPlan } from './layer-plan.js';
import { mapperOf, type PlayTiles } from './map-layer.js';
import { roleCapacity } from './residency.js';
import type { MapPrices } from './search-mapping.js';
import { planResidency, readersThroughViews } from './residency-plan.js';
import { layerFoldNeeds, layerRoleBytes, layerUsefulRoom, layerWorkingSet, planLayer } from './tile-layer.js';

/** Every layer planned, with the network-level decisions that shaped the plans. */
export interface NetworkPlan {
  readonly executions: readonly Execution[];
  readonly plans: readonly LayerPlan[];
  /** Layers whose weights are pinned on chip across inferences. */
  readonly cached: ReadonlySet<string>;
  /** Per layer: its output stays on chip for its consumers. */
  readonly kept: readonly boolean[];
}

/**
 * Plans a graph layer by layer, deciding what lives on chip: pinned weights, and outputs kept
 * for later layers while they fit beside everything else still live (a kept tensor occupies the
 * level activations live in until its last consumer has run). `play` times a layer's tiles on
 * the engine, for the latency objective.
 */
export function planNetwork(arch: Arch, graph: Graph, maxTiles: number, prices: MapPrices, play?: PlayTiles): NetworkPlan {
  const mapper = mapperOf(arch, prices, play);
  const units = graph.layers.map((l) => chooseUnit(arch, l));
  const executions = graph.layers.map((l, i) => planExecution(arch, l, units[i]));
  const placements = placeLayers(arch, graph, units);
  const needs = graph.layers.map((l, i) => layerFoldNeeds(l, units[i], executions[i]));
  // Pinnable bytes: parameters held in SRAM (not a unit's own cells, nor an activation matmul's B operand).
  const weightBytes = graph.layers.map((l, i) =>
    keepsWeights(units[i]) || !hasParameterWeights(l) ? 0 : layerRoleBytes(l, executions[i].bytes).weight,
  );
  const lastUse = lastUses(graph);
  const readers = readersThroughViews(graph);
  const {
    kept: keeps,
    cached,
    pinnedBytes,
    resident,
    residentBytes,
  } = planResidency(
    arch,
    graph,
    graph.layers.map((l, i) => ({
      // Weights a unit keeps in itself take no SRAM: like pinned ones, they are not in its working set.
      room: memo2((isCached: boolean) => layerUsefulRoom(l, units[i], executions[i], isCached || keepsWeights(units[i]))),
      outputBytes: layerRoleBytes(l, executions[i].bytes).output,
      weightBytes: weightBytes[i],
      inputElementBytes: executions[i].bytes.input,
    })),
    lastUse,
  );
  // Where the network's own input and output live: off chip, or in a level that hosts them.
  const hosted = residencyOf(arch, 'input').graphTensors;
  const activationLevel = residencyOf(arch, 'input').name;
  const weightLevel = residencyOf(arch, 'weight').name;
  const channels = timedChannels(arch).length;
  // Kept tensors by name with their bytes, while live.
  const live = new Map<string, number>();
  // A persistent input (a KV cache) is on chip only where the residency plan placed it.
  const persistent = new Set(graph.persistent ?? []);
  const onChip = new Map<string, boolean>(
    graph.inputs.map((t) => [t.name, persistent.has(t.name) ? resident.has(t.name) : hosted]),
  );
  // A hosted network input takes room until its last reader has run.
  if (hosted) {
    for (const t of graph.inputs) {
      if (persistent.has(t.name)) continue;
      const reader = graph.layers.findIndex((l) => l.inputs.includes(t.name));
      if (reader >= 0) live.set(t.name, t.elements * executions[reader].bytes.input);
    }
  }

  const plans: LayerPlan[] = [];
  const kept: boolean[] = [];
  graph.layers.forEach((layer, i) => {
    const e = executions[i];
    const isCached = cached.has(layer.name);
    const inputsOnChip = layer.inputs.map((name) => onChip.get(name) ?? false);
    // Live tensors other than this layer's own inputs (directly or through views) take room beside its working set.
    const others = [...live].reduce((s, [name, b]) => s + (readers.get(name)?.has(i) ? 0 : b), 0);
    const reserved = { [weightLevel]: pinnedBytes };
    reserved[activationLevel] = (reserved[activationLevel] ?? 0) + others + residentBytes;
    const want = layerWorkingSet(layer, units[i], e, isCached);
    const capacity = roleCapacity(arch, reserved, want, { ...needs[i], weight: isCached ? 0 : needs[i].weight });
    const outputBytes = layerRoleBytes(layer, e.bytes).output;
    // A kept tensor is freed after its last reader, direct or through views (a graph output it hosts stays).
    for (const name of [...live.keys()]) if ((lastUse.get(name) ?? Infinity) <= i) live.delete(name);
    const keep = keeps[i];
    plans.push(
      planLayer(
        layer,
        units[i],
        {
          origin: arch.origin,
          clockHz: arch.clockHz,
          execution: e,
          inputsOnChip,
          weightsCached: isCached,
          keepOutputOnChip: keep,
          boundaries: boundariesOf(arch, capacity),
          channels,
          maxTiles,
          placement: placements.get(layer.name),
        },
        mapper,
      ),
    );
    plans[plans.length - 1] = {
      ...plans[plans.length - 1],
      compulsoryDramBytes: compulsoryBytes(layer, e.bytes, inputsOnChip, isCached || keepsWeights(units[i]), keep),
    };
    checkFinite(arch, layer, plans[plans.length - 1]);
    kept.push(keep);
    onChip.set(layer.name, keep);
    if (keep && layer.op.kind !== 'view') live.set(layer.name, outputBytes);
  });
  return { executions, plans, cached, kept };
}

/**
 * A layer whose cycles or bytes cannot be counted exactly (beyond 2^53, from a size or rate far
 * outside any hardware) is refused, not simulated as rounded, Infinity or NaN.
 */
function checkFinite(arch: Arch, layer: Layer, plan: LayerPlan): void {
  const ok = (x: number) => x >= 0 && x <= Number.MAX_SAFE_INTEGER;
  for (const r of plan.runs) {
    if (ok(r.tile.computeCycles) && r.tile.loads.every(ok) && r.tile.stores.every(ok)) continue;
    fail(
      arch.origin,
      '/compute',
      `layer "${layer.name}" would take more than 2^53 cycles or bytes, which cannot be counted exactly: check the arch's sizes and rates`,
    );
  }
}

/**
 * The DRAM bytes no mapping can avoid: each tensor that is not already on chip read once, and
 * the output written once unless it stays on chip. A view moves nothing of its own.
 */
function compulsoryBytes(
  layer: Layer,
  b: ElementBytes,
  inputsOnChip: readonly boolean[],
  weightsOnChip: boolean,
  keep: boolean,
): number {
  if (layer.op.kind === 'view') return 0;
  const inputs = layer.inputShapes.reduce((s, shape, i) => s + (inputsOnChip[i] ? 0 : elementsOf(shape) * b.input), 0);
  const weights = weightsOnChip ? 0 : (layer.weightElements + layer.biasElements) * b.weight;
  return inputs + weights + (keep ? 0 : elementsOf(layer.outputShape) * b.output);
}

/** A function of a flag, computed once per value. */
function memo2<T>(f: (flag: boolean) => T): (flag: boolean) => T {
  const seen = new Map<boolean, T>();
  return (flag) => {
    if (!seen.has(flag)) seen.set(flag, f(flag));
    return seen.get(flag)!;
  };
}

/** The unit keeps its layers' weights in itself (crossbar cells), not in SRAM. */
const keepsWeights = (unit: ComponentModel | undefined): boolean => unit !== undefined && kindOf(unit).keepsWeights === true;

/** Each unit's network-level placement of the layers it runs (crossbar sharing), by layer name. */
function placeLayers(arch: Arch, graph: Graph, units: readonly (ComponentModel | undefined)[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const u of arch.units) {
    const place = kindOf(u).place;
    if (!place) continue;
    const mine: Layer[] = graph.layers.filter((_, i) => units[i] === u);
    for (const [name, p] of place(u, mine, arch.clockHz)) out.set(name, p);
  }
  return out;
}

/**
 * Position of the last layer that reads each tensor, looking through views (a view's output is
 * the same data, so its input stays live as long as the view's output does). Graph outputs
 * (nothing reads them, or only views that are themselves outputs) have none.
 */
function lastUses(graph: Graph): Map<string, number> {
  const readers = new Map<string, number[]>();
  graph.layers.forEach((l, i) => l.inputs.forEach((t) => readers.set(t, [...(readers.get(t) ?? []), i])));
  const out = new Map<string, number>();
  const visit = (name: string) => {
    let last: number | undefined;
    for (const i of readers.get(name) ?? []) {
      const reader = graph.layers[i];
      // A view's reads end when its own output's do; a view that is a graph output keeps none alive.
      const until = reader.op.kind === 'view' ? out.get(reader.name) : i;
      if (until !== undefined) last = Math.max(last ?? -1, until);
    }
    if (last !== undefined) out.set(name, last);
  };
  // Backwards, so a view's last use is known before its input's.
  for (let i = graph.layers.length - 1; i >= 0; i--) visit(graph.layers[i].name);
  for (const t of graph.inputs) visit(t.name);
  return out;
}
