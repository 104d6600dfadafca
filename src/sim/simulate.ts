import { EventQueue, Resource } from '../engine/index.js';
import { describeCompute, peakMacsPerCycle, peakOpsPerSecond, type Arch } from '../hardware/arch.js';
import { imcPeakMacsPerCycle } from '../hardware/imc-tile.js';
import type { Graph, Layer } from '../workload/graph.js';
import { tileCount } from '../hardware/tiles.js';
import { totalBytes, type LayerPlan } from '../mapping/layer-plan.js';
import type { Execution } from '../mapping/execution.js';
import { planNetwork } from '../mapping/plan-network.js';
import { runTiles, type TileRunStats } from './play-tiles.js';
import type { EnergyFigures, LayerResult, SimResult } from './result.js';
import { countActions } from './count-actions.js';
import type { CostTable } from '../energy/cost-table.js';
import { costTableOf } from '../energy/resolve-cost-table.js';
import { addBreakdowns, priceActions, sumEnergy, tallyEnergy, type EnergyBreakdown, type EnergyPrices } from '../energy/tally.js';

/** Options of a simulation run. */
export interface SimulateOptions {
  /** Upper bound on tiles (engine events) per layer; more are merged. Default 256. */
  readonly maxTilesPerLayer?: number;
  /** Cost table to price actions with; default: the one the arch names. */
  readonly costTable?: CostTable;
  /** Receives every DRAM transfer and compute interval (cycles), for timelines. Off by default. */
  readonly trace?: (layer: number, kind: 'load' | 'compute' | 'store', start: number, end: number) => void;
}

/**
 * Runs a layer graph on an architecture: plans each layer, then plays every layer's tiles on the
 * event engine in dependency order (one layer after another), and collects the result document.
 */
export function simulate(arch: Arch, graph: Graph, options: SimulateOptions = {}): SimResult {
  const net = planNetwork(arch, graph, options.maxTilesPerLayer ?? 256);
  const table = options.costTable ?? costTableOf(arch);
  const used = new Set(graph.layers.flatMap((l, i) => [net.executions[i].macPrecision, l.precision.input]));
  const prices = priceActions(arch, table, [...used]);
  const stats = playOnEngine(arch, net.plans, options);
  const layers = graph.layers.map((layer, i) =>
    layerResult(arch, layer, net.plans[i], net.executions[i], stats.layers[i], net.cached.has(layer.name), net.kept[i], prices),
  );
  return assemble(arch, graph, layers, stats.events, table, prices);
}

/** Plays all layers' tiles on one event queue, each layer starting when the previous one ends. */
function playOnEngine(arch: Arch, plans: readonly LayerPlan[], options: SimulateOptions) {
  const queue = new EventQueue();
  const dram = new Resource('dram');
  const units = {
    array: new Resource('array'),
    imc: new Resource('imc'),
    vector: new Resource('vector'),
    none: new Resource('none'),
  };
  const bytesPerCycle = arch.dram.bytesPerSecond / arch.clockHz;
  const latencyCycles = Math.ceil(arch.dram.latencySeconds * arch.clockHz - 1e-9);
  const timing = arch.dram.ideal
    ? { occupancy: () => 0, latency: 0 }
    : { occupancy: (b: number) => Math.ceil(b / bytesPerCycle - 1e-9), latency: latencyCycles };
  const layers: TileRunStats[] = [];
  const next = (i: number, start: number) => {
    if (i === plans.length) return;
    const trace = options.trace
      ? (k: 'load' | 'compute' | 'store', s: number, e: number) => options.trace!(i, k, s, e)
      : undefined;
    runTiles(
      queue,
      dram,
      units[plans[i].unit],
      plans[i].runs,
      timing,
      start,
      (s) => {
        layers.push(s);
        next(i + 1, s.endCycle);
      },
      trace,
    );
  };
  next(0, 0);
  queue.run();
  return { layers, events: queue.processed };
}

/** Energy, average power and ops per joule from a breakdown, the MACs and the time. */
function energyFigures(breakdown: EnergyBreakdown, macs: number, seconds: number): EnergyFigures {
  const energyJoules = sumEnergy(breakdown);
  return {
    energyJoules,
    energyBreakdownJoules: breakdown,
    averagePowerWatts: seconds > 0 ? energyJoules / seconds : 0,
    opsPerWatt: energyJoules > 0 ? (2 * macs) / energyJoules : 0,
  };
}

function layerResult(
  arch: Arch,
  layer: Layer,
  plan: LayerPlan,
  e: Execution,
  s: TileRunStats,
  weightsCached: boolean,
  outputOnChip: boolean,
  prices: EnergyPrices,
): LayerResult {
  const cycles = s.endCycle - s.startCycle;
  const pes = unitPeakMacsPerCycle(arch, plan.unit);
  const seconds = cycles / arch.clockHz;
  const actions = countActions(arch, plan, e, layer.precision.input);
  return {
    name: layer.name,
    type: layer.type,
    unit: plan.unit,
    cycles,
    computeCycles: s.computeCycles,
    stallCycles: cycles - s.computeCycles,
    seconds,
    macs: layer.macs,
    utilization: cycles > 0 && pes > 0 ? layer.macs / (cycles * pes) : 0,
    dram: {
      readBytes: totalBytes(plan.dramReadBytes),
      writeBytes: totalBytes(plan.dramWriteBytes),
      readByRole: plan.dramReadBytes,
      writeByRole: plan.dramWriteBytes,
    },
    sram: {
      readBytes: totalBytes(plan.sramReadBytes),
      writeBytes: totalBytes(plan.sramWriteBytes),
      readByRole: plan.sramReadBytes,
      writeByRole: plan.sramWriteBytes,
    },
    bound:
      plan.unit === 'none'
        ? 'none'
        : s.dramBusyCycles > s.computeCycles || cycles - s.computeCycles > s.computeCycles
          ? 'memory'
          : 'compute',
    dramBusyCycles: s.dramBusyCycles,
    vectorOps: plan.vectorOps,
    tiles: tileCount(plan.runs),
    weightsCached,
    outputOnChip,
    startCycle: s.startCycle,
    ...(plan.mapping ? { mapping: plan.mapping } : {}),
    precision: {
      weight: layer.precision.weight,
      input: layer.precision.input,
      output: layer.precision.output,
      mac: e.macPrecision,
      ...(e.fallback ? { fallback: e.fallback } : {}),
    },
    sparsity: {
      weightDensity: layer.sparsity.weight.density,
      weightStructure: layer.sparsity.weight.structure,
      inputDensity: layer.sparsity.input.density,
      inputStructure: layer.sparsity.input.structure,
      ...(e.notes.length ? { notes: e.notes } : {}),
    },
    macsIssued: plan.unit === 'array' ? e.macsIssued : 0,
    macsSkipped: plan.unit === 'array' ? layer.macs - e.macsIssued : 0,
    macsGated: plan.unit === 'array' ? e.macsGated : 0,
    ...energyFigures(tallyEnergy(actions, seconds, prices), layer.macs, seconds),
    actions,
  };
}

/** Peak MACs per cycle of the unit a layer ran on (0 for units that do no MACs). */
function unitPeakMacsPerCycle(arch: Arch, unit: LayerResult['unit']): number {
  if (unit === 'array' && arch.array) return arch.array.rows * arch.array.cols;
  if (unit === 'imc' && arch.imc) return imcPeakMacsPerCycle(arch.imc, arch.clockHz);
  return 0;
}

function assemble(
  arch: Arch,
  graph: Graph,
  layers: LayerResult[],
  events: number,
  table: CostTable,
  prices: EnergyPrices,
): SimResult {
  const total = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  const cycles = total((l) => l.cycles);
  const seconds = cycles / arch.clockHz;
  const macs = total((l) => l.macs);
  const pes = peakMacsPerCycle(arch);
  return {
    schema: 'picojoule/result@1',
    arch: {
      name: arch.name,
      clockHz: arch.clockHz,
      peakOpsPerSecond: peakOpsPerSecond(arch),
      compute: describeCompute(arch),
      array: arch.array
        ? { rows: arch.array.rows, cols: arch.array.cols, dataflow: arch.array.dataflow, foldTiming: arch.array.foldTiming }
        : null,
      imc: arch.imc
        ? {
            technology: arch.imc.technology,
            rows: arch.imc.rows,
            cols: arch.imc.cols,
            crossbars: arch.imc.crossbars,
            bitsPerCell: arch.imc.bitsPerCell,
            adcBits: arch.imc.adcBits,
            columnsPerAdc: arch.imc.columnsPerAdc,
          }
        : null,
      dram: {
        ideal: arch.dram.ideal,
        bytesPerSecond: arch.dram.ideal ? null : arch.dram.bytesPerSecond,
        latencySeconds: arch.dram.latencySeconds,
      },
    },
    energy: { table: table.name, node: table.node, staticWatts: prices.staticWatts },
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
      ...energyFigures(addBreakdowns(layers.map((l) => l.energyBreakdownJoules)), macs, seconds),
      events,
    },
    layers,
  };
}
