import { fail } from '../config/user-error.js';
import { EventQueue, Resource } from '../engine/index.js';
import { archParts, sramPath, timedChannels, type Arch } from '../hardware/arch.js';
import { channelTiming } from '../hardware/dram.js';
import type { AreaTable } from '../area/area-table.js';
import { sizeArch } from './size-arch.js';
import type { CostTable } from '../energy/cost-table.js';
import { costTableNamed } from '../energy/resolve-cost-table.js';
import { breakdownKeys, memoPricer, staticWatts, type Pricer } from '../energy/tally.js';
import { planNetwork } from '../mapping/plan-network.js';
import type { LayerPlan } from '../mapping/layer-plan.js';
import type { Graph } from '../workload/graph.js';
import { assembleResult } from './assemble-result.js';
import { layerResult, type Pricing } from './layer-result.js';
import { LayerTiles, playAlone, type Channel, type ChannelTiming, type TileRunStats } from './play-tiles.js';
import type { SimResult } from './result.js';

/** Options of a simulation run. */
export interface SimulateOptions {
  /** Upper bound on tiles (engine events) per layer; more are merged. Default 256. */
  readonly maxTilesPerLayer?: number;
  /** Cost table to price actions with; default: the one the arch names. */
  readonly costTable?: CostTable;
  /** Area table to size components with; default: the one the arch names, else the one for the cost table's node. */
  readonly areaTable?: AreaTable;
  /** Receives every off-chip transfer and compute interval (cycles), for timelines. Off by default. */
  readonly trace?: (layer: number, kind: 'load' | 'compute' | 'store', start: number, end: number) => void;
}

/**
 * Runs a layer graph on an architecture: plans each layer, then plays every layer's tiles on the
 * event engine in dependency order (one layer after another), and collects the result document.
 */
export function simulate(arch: Arch, graph: Graph, options: SimulateOptions = {}): SimResult {
  const table = options.costTable ?? costTableNamed(arch.energy.table, arch.origin);
  const pricing = pricingOf(arch, table);
  const timings = channelTimings(arch);
  const net = planNetwork(arch, graph, options.maxTilesPerLayer ?? 256, pricing.mapPrices, (runs) => playAlone(timings, runs));
  const stats = playOnEngine(arch, timings, net.plans, options);
  const end = stats.layers.length ? stats.layers[stats.layers.length - 1].endCycle : 0;
  if (end > Number.MAX_SAFE_INTEGER)
    fail(
      arch.origin,
      '/clock',
      `the run takes more than 2^53 cycles, which cannot be counted exactly: check the arch's rates and the network's size`,
    );
  const layers = graph.layers.map((layer, i) =>
    layerResult(arch, layer, net.plans[i], stats.layers[i], net.cached.has(layer.name), net.kept[i], pricing),
  );
  const area = sizeArch(arch, table, options.areaTable);
  return assembleResult(arch, graph, layers, stats.events, table, pricing.staticWatts, area, stats.invokeCycles);
}

// Archs and tables are immutable plain data: a pair is priced once.
const pricings = new WeakMap<Arch, WeakMap<CostTable, Pricing>>();

/** How a run is priced: every part's prices (looked up once), the breakdown keys, the static power. */
function pricingOf(arch: Arch, table: CostTable): Pricing {
  let byTable = pricings.get(arch);
  if (!byTable) pricings.set(arch, (byTable = new WeakMap()));
  let pricing = byTable.get(table);
  if (!pricing) byTable.set(table, (pricing = newPricing(arch, table)));
  return pricing;
}

function newPricing(arch: Arch, table: CostTable): Pricing {
  const parts = archParts(arch);
  const byPath = new Map(parts.map((p) => [p.path, p]));
  const price: Pricer = memoPricer((path, action) => {
    const part = byPath.get(path)!;
    return part.priced.price(part.model, action, table);
  });
  const watts =
    arch.energy.staticPowerWatts ??
    staticWatts(
      parts.map((p) => p.priced.leakage(p.model)),
      table,
    );
  return {
    price,
    keys: breakdownKeys(parts.flatMap((p) => p.priced.energyKeys(p.model))),
    staticWatts: watts,
    // The byte prices the mapper ranks loop nests with.
    mapPrices: {
      sram: new Map(
        arch.sram.map((b) => [b.name, { read: price(sramPath(b), 'read').joules, write: price(sramPath(b), 'write').joules }]),
      ),
      dramPerByte: price('dram', 'bytes').joules,
      nocPerByte: price('noc', 'bytes').joules * arch.noc.hops,
      staticWatts: watts,
    },
  };
}

/**
 * Plays all layers' tiles on one event queue after the per-inference invoke overhead, each layer
 * starting when the previous one ends; with `overlapLayers`, a layer's first loads go out as the
 * previous layer's last tiles free their buffer halves.
 */
function playOnEngine(arch: Arch, timings: readonly ChannelTiming[], plans: readonly LayerPlan[], options: SimulateOptions) {
  const queue = new EventQueue();
  const names = timedChannels(arch).map((c) => c.name);
  const channels: Channel[] = timings.map((timing, i) => ({ resource: new Resource(names[i]), timing }));
  const units = new Map(arch.units.map((u) => [u, new Resource(u.name)]));
  const idle = new Resource('none');
  const layers: TileRunStats[] = [];
  const tilesOf = (i: number): LayerTiles => {
    const trace = options.trace
      ? (k: 'load' | 'compute' | 'store', s: number, e: number) => options.trace!(i, k, s, e)
      : undefined;
    const unit = plans[i].runsOn ? units.get(plans[i].runsOn!)! : idle;
    return new LayerTiles(
      queue,
      channels,
      unit,
      plans[i].runs,
      (s) => {
        layers.push(s);
        if (i + 1 < plans.length) start(i + 1, s.endCycle);
      },
      trace,
    );
  };
  let pending: LayerTiles | undefined;
  const start = (i: number, at: number) => {
    const current = pending ?? tilesOf(i);
    pending = undefined;
    if (arch.options.overlapLayers && i + 1 < plans.length && mayPrefetch(plans[i], plans[i + 1])) {
      const next = (pending = tilesOf(i + 1));
      current.onFree = () => next.prefetch();
    }
    current.begin(at);
  };
  const invokeCycles = invokeOverheadCycles(arch);
  if (plans.length > 0) start(0, invokeCycles);
  queue.run();
  return { layers, events: queue.processed, invokeCycles };
}

/** Timing of each timed channel, in `timedChannels` order. */
export const channelTimings = (arch: Arch): ChannelTiming[] =>
  timedChannels(arch).map((c) => channelTiming(c.bytesPerSecond, c.latencySeconds, arch.clockHz, c.ideal));

/** Cycles of the fixed per-inference overhead before the first layer. */
export const invokeOverheadCycles = (arch: Arch): number => Math.max(0, Math.ceil(arch.invokeSeconds * arch.clockHz - 1e-9));

/**
 * A layer's loads may go out during the previous layer when they cannot need its results: the
 * previous layer stores nothing, or this one loads no activations across any boundary.
 */
function mayPrefetch(previous: LayerPlan, next: LayerPlan): boolean {
  const stores = previous.runs.some((r) => r.tile.stores.some((b) => b > 0));
  return !stores || next.traffic.every((t) => t.fills.input === 0);
}
