import { EventQueue, Resource } from '../engine/index.js';
import { peakOpsPerSecond, type Arch } from '../spec/arch.js';
import type { Graph, Layer } from '../workload/graph.js';
import { planLayer } from '../mapping/plan-layer.js';
import { tileCount } from '../mapping/tile-run.js';
import type { ElementBytes, LayerPlan } from '../mapping/layer-plan.js';
import { runTiles, type TileRunStats } from './run-tiles.js';
import { freeBytes, pinWeights, roleCapacity } from './residency.js';
import { layerRoleBytes } from '../mapping/plan-layer.js';
import { lowerLayer } from '../mapping/lower-layer.js';
import { tilePartialSumBytes } from '../mapping/plan-gemm.js';
import { groupsPerFold, packGemm } from '../mapping/pack-groups.js';
import { mapGemm } from '../hardware/systolic-array.js';
import type { LayerResult, SimResult } from './result.js';

/** Options of a simulation run. */
export interface SimulateOptions {
  /** Bytes per element of each tensor role; default 1 (int8) for all. */
  readonly bytes?: ElementBytes;
  /** Upper bound on tiles (engine events) per layer; more are merged. Default 256. */
  readonly maxTilesPerLayer?: number;
  /** Receives every DRAM transfer and compute interval (cycles), for timelines. Off by default. */
  readonly trace?: (layer: number, kind: 'load' | 'compute' | 'store', start: number, end: number) => void;
}

const INT8: ElementBytes = { input: 1, weight: 1, output: 1 };
const sum = (r: Record<string, number>) => r.input + r.weight + r.output;

/**
 * Runs a layer graph on an architecture: plans each layer, then plays every layer's tiles on the
 * event engine in dependency order (one layer after another), and collects the result document.
 */
export function simulate(arch: Arch, graph: Graph, options: SimulateOptions = {}): SimResult {
  const bytes = options.bytes ?? INT8;
  const maxTiles = options.maxTilesPerLayer ?? 256;
  const { cached, pinnedBytes } = pinWeights(arch, graph, bytes);
  const consumers = countConsumers(graph);
  const onChip = new Map<string, boolean>(graph.inputs.map((t) => [t.name, false]));

  const plans: LayerPlan[] = [];
  const kept: boolean[] = [];
  for (const layer of graph.layers) {
    const inputsOnChip = layer.inputs.map((name) => onChip.get(name) ?? false);
    const demand = layerRoleBytes(layer, bytes);
    if (cached.has(layer.name)) demand.weight = 0;
    demand.output += partialSumDemand(arch, layer);
    const capacity = roleCapacity(arch, pinnedBytes, demand);
    const keep = keepOutput(arch, layer, demand, capacity, consumers, inputsOnChip, freeBytes(arch, 'input', pinnedBytes));
    plans.push(planLayer(arch, layer, { bytes, inputsOnChip, weightsCached: cached.has(layer.name), keepOutputOnChip: keep, capacity, maxTiles }));
    kept.push(keep);
    onChip.set(layer.name, keep);
  }

  const stats = playOnEngine(arch, plans, options);
  const layers = graph.layers.map((layer, i) => layerResult(arch, layer, plans[i], stats.layers[i], cached.has(layer.name), kept[i]));
  return assemble(arch, graph, layers, stats.events);
}

function keepOutput(
  arch: Arch,
  layer: Layer,
  demand: { output: number },
  capacity: { output: number },
  consumers: Map<string, number>,
  inputsOnChip: readonly boolean[],
  inputBufferFree: number,
): boolean {
  if (!arch.options.keepActivationsOnChip || !(consumers.get(layer.name) ?? 0)) return false;
  if (layer.op.kind === 'view') return inputsOnChip.every(Boolean);
  // It must fit beside this layer's working set, and then serve as the next layer's input.
  return demand.output <= capacity.output && demand.output <= inputBufferFree;
}

/** Bytes the output buffer needs for one tile's partial sums while the array accumulates. */
function partialSumDemand(arch: Arch, layer: Layer): number {
  const work = lowerLayer(layer);
  return work.kind === 'gemm' ? tilePartialSumBytes(arch.array, mapGemm(arch.array, packGemm(work.gemm, groupsPerFold(arch.array, work.gemm)))) : 0;
}

function countConsumers(graph: Graph): Map<string, number> {
  const n = new Map<string, number>();
  for (const l of graph.layers) for (const i of l.inputs) n.set(i, (n.get(i) ?? 0) + 1);
  return n;
}

/** Plays all layers' tiles on one event queue, each layer starting when the previous one ends. */
function playOnEngine(arch: Arch, plans: readonly LayerPlan[], options: SimulateOptions) {
  const queue = new EventQueue();
  const dram = new Resource('dram');
  const units = { array: new Resource('array'), vector: new Resource('vector'), none: new Resource('none') };
  const bytesPerCycle = arch.dram.bytesPerSecond / arch.clockHz;
  const latencyCycles = Math.ceil(arch.dram.latencySeconds * arch.clockHz - 1e-9);
  const timing = arch.dram.ideal
    ? { occupancy: () => 0, latency: 0 }
    : { occupancy: (b: number) => Math.ceil(b / bytesPerCycle - 1e-9), latency: latencyCycles };
  const layers: TileRunStats[] = [];
  const next = (i: number, start: number) => {
    if (i === plans.length) return;
    const trace = options.trace ? (k: 'load' | 'compute' | 'store', s: number, e: number) => options.trace!(i, k, s, e) : undefined;
    runTiles(queue, dram, units[plans[i].unit], plans[i].runs, timing, start, (s) => {
      layers.push(s);
      next(i + 1, s.endCycle);
    }, trace);
  };
  next(0, 0);
  queue.run();
  return { layers, events: queue.processed };
}

function layerResult(arch: Arch, layer: Layer, plan: LayerPlan, s: TileRunStats, weightsCached: boolean, outputOnChip: boolean): LayerResult {
  const cycles = s.endCycle - s.startCycle;
  const pes = arch.array.rows * arch.array.cols;
  return {
    name: layer.name,
    type: layer.type,
    unit: plan.unit,
    cycles,
    computeCycles: s.computeCycles,
    stallCycles: cycles - s.computeCycles,
    seconds: cycles / arch.clockHz,
    macs: layer.macs,
    utilization: cycles > 0 ? layer.macs / (cycles * pes) : 0,
    dram: { readBytes: sum(plan.dramReadBytes), writeBytes: sum(plan.dramWriteBytes), readByRole: plan.dramReadBytes, writeByRole: plan.dramWriteBytes },
    sram: { readBytes: sum(plan.sramReadBytes), writeBytes: sum(plan.sramWriteBytes), readByRole: plan.sramReadBytes, writeByRole: plan.sramWriteBytes },
    bound: plan.unit === 'none' ? 'none' : s.dramBusyCycles > s.computeCycles ? 'memory' : 'compute',
    dramBusyCycles: s.dramBusyCycles,
    vectorOps: plan.vectorOps,
    tiles: tileCount(plan.runs),
    weightsCached,
    outputOnChip,
    startCycle: s.startCycle,
    ...(plan.mapping ? { mapping: plan.mapping } : {}),
  };
}

function assemble(arch: Arch, graph: Graph, layers: LayerResult[], events: number): SimResult {
  const total = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  const cycles = total((l) => l.cycles);
  const seconds = cycles / arch.clockHz;
  const macs = total((l) => l.macs);
  const pes = arch.array.rows * arch.array.cols;
  return {
    schema: 'picojoule/result@1',
    arch: {
      name: arch.name,
      clockHz: arch.clockHz,
      peakOpsPerSecond: peakOpsPerSecond(arch),
      array: { rows: arch.array.rows, cols: arch.array.cols, dataflow: arch.array.dataflow, foldTiming: arch.array.foldTiming },
      dram: { ideal: arch.dram.ideal, bytesPerSecond: arch.dram.ideal ? null : arch.dram.bytesPerSecond, latencySeconds: arch.dram.latencySeconds },
    },
    workload: { name: graph.name, layers: graph.layers.length, macs: graph.totals.macs, params: graph.totals.params },
    totals: {
      cycles,
      computeCycles: total((l) => l.computeCycles),
      stallCycles: total((l) => l.stallCycles),
      seconds,
      macs,
      dramBytes: { read: total((l) => l.dram.readBytes), write: total((l) => l.dram.writeBytes) },
      sramBytes: { read: total((l) => l.sram.readBytes), write: total((l) => l.sram.writeBytes) },
      utilization: cycles > 0 ? macs / (cycles * pes) : 0,
      opsPerSecond: seconds > 0 ? (2 * macs) / seconds : 0,
      events,
    },
    layers,
  };
}
