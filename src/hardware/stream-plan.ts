import { elementsOf } from '../workload/layer-site.js';
import type { Layer } from '../workload/graph.js';
import type { ActionCounts, PlanContext, UnitPlan } from './component.js';
import { route, type Tile, type TileRun } from './tiles.js';

/**
 * Plans work that streams its inputs through once and writes its output once (element-wise
 * layers, pooling): `cycles` of compute split into chunks, double-buffered. A simple unit needs nothing more than this to run in a network.
 */
export function planStream(layer: Layer, ctx: PlanContext, cycles: number, actions: ActionCounts, vectorOps = 0): UnitPlan {
  const b = ctx.execution.bytes;
  const inputs = layer.inputShapes.map((s) => elementsOf(s) * b.input);
  const outputBytes = elementsOf(layer.outputShape) * b.output;
  // Per boundary: inputs not already on its outer side come in; the output goes out unless kept.
  const moves = ctx.boundaries.map((bd) => ({
    input: bd.crosses.input ? inputs.reduce((s, x, i) => s + (bd.last.input && ctx.inputsOnChip[i] ? 0 : x), 0) : 0,
    weight: 0,
    output: bd.crosses.output && !(bd.last.output && ctx.keepOutputOnChip) ? outputBytes : 0,
  }));
  // With transfers to hide, chunks as fine as the tile budget allows (at most one per cycle of
  // work): finer chunks only overlap better, and a count taken from the buffer (chunks filling
  // half of it) would make a bigger buffer slower. With nothing to move, one chunk.
  const moving = moves.some((m) => m.input + m.output > 0);
  const chunks = moving ? Math.max(1, Math.min(ctx.maxTiles, cycles || 1)) : 1;
  const tile = (c: number, extra: number): Tile => ({
    computeCycles: c + extra,
    loads: route(
      ctx.boundaries,
      ctx.channels,
      moves.map((m) => ({ input: m.input / chunks, weight: 0, output: 0 })),
    ),
    stores: route(
      ctx.boundaries,
      ctx.channels,
      moves.map((m) => ({ input: 0, weight: 0, output: m.output / chunks })),
    ),
  });
  const base = Math.floor(cycles / chunks);
  const remainder = cycles - base * chunks;
  const runs: TileRun[] = remainder
    ? [{ count: 1, tile: tile(base, remainder) }, ...(chunks > 1 ? [{ count: chunks - 1, tile: tile(base, 0) }] : [])]
    : [{ count: chunks, tile: tile(base, 0) }];
  return {
    runs,
    computeCycles: cycles,
    port: {
      reads: { input: inputs.reduce((s, x) => s + x, 0), weight: 0, output: 0 },
      writes: { input: 0, weight: 0, output: outputBytes },
    },
    traffic: moves.map((m) => ({
      fills: { input: m.input, weight: 0, output: 0 },
      drains: { input: 0, weight: 0, output: m.output },
    })),
    actions,
    vectorOps,
  };
}
