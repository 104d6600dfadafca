import { kindOf } from '../hardware/arch.js';
import type { ComponentModel, ElementBytes, Execution, PlanContext, RoleBytes } from '../hardware/component.js';
import { route } from '../hardware/tiles.js';
import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { zeroRoles, type LayerPlan } from './layer-plan.js';
import { mapLayer, type Mapper } from './map-layer.js';

/**
 * Bytes of a layer's operands by the role they take on chip: a matmul of two activations keeps
 * its B operand where weights go.
 */
export function layerRoleBytes(layer: Layer, b: ElementBytes): RoleBytes {
  const output = elementsOf(layer.outputShape) * b.output;
  if (layer.op.kind === 'matmul' && !layer.op.weightOperand) {
    return { input: elementsOf(layer.inputShapes[0]) * b.input, weight: elementsOf(layer.inputShapes[1]) * b.input, output };
  }
  const input = layer.inputShapes.reduce((s, shape) => s + elementsOf(shape), 0) * b.input;
  return { input, weight: (layer.weightElements + layer.biasElements) * b.weight, output };
}

/** The least SRAM each role needs for the layer's unit to run it at all. */
export function layerFoldNeeds(layer: Layer, unit: ComponentModel | undefined, e: Execution): RoleBytes {
  const needs = unit && kindOf(unit).foldNeeds;
  return needs ? needs(unit, layer, e) : zeroRoles();
}

/**
 * SRAM bytes a layer would like for each role: its tensors (weights only when not pinned), plus
 * what its unit keeps beside them (partial sums), and never less than the unit needs.
 */
export function layerWorkingSet(layer: Layer, unit: ComponentModel | undefined, e: Execution, weightsCached: boolean): RoleBytes {
  const want = layerRoleBytes(layer, e.bytes);
  if (weightsCached) want.weight = 0;
  const kind = unit && kindOf(unit);
  if (!unit || !kind?.foldNeeds) return want;
  const need = kind.foldNeeds(unit, layer, e);
  const extra = kind.workingSetExtra?.(unit, layer, e) ?? zeroRoles();
  return {
    input: Math.max(want.input + extra.input, need.input),
    weight: weightsCached ? 0 : Math.max(want.weight + extra.weight, need.weight),
    output: Math.max(want.output + extra.output, need.output),
  };
}

/**
 * The SRAM beyond which more room saves a layer nothing: its working set, with roles its unit
 * uses each byte of once cut to what one fold needs; none for a unit that streams whatever the
 * room (crossbars, the vector unit) or a view.
 */
export function layerUsefulRoom(layer: Layer, unit: ComponentModel | undefined, e: Execution, weightsCached: boolean): RoleBytes {
  const kind = unit && kindOf(unit);
  if (!unit || !kind?.foldNeeds) return zeroRoles();
  const ws = layerWorkingSet(layer, unit, e, weightsCached);
  const need = kind.foldNeeds(unit, layer, e);
  for (const role of kind.usedOnce?.(unit) ?? []) ws[role] = role === 'weight' && weightsCached ? 0 : need[role];
  return ws;
}

/** Plans one layer on the unit that runs it; a view (no unit) is planned here. */
export function planLayer(layer: Layer, unit: ComponentModel | undefined, ctx: PlanContext, mapper?: Mapper): LayerPlan {
  if (unit) {
    const kind = kindOf(unit);
    const p = mapper ? mapLayer(unit, layer, ctx, mapper) : kind.plan(unit, layer, ctx);
    // Field by field, not a spread: this runs for every layer of every sweep point.
    const plan: { -readonly [K in keyof LayerPlan]: LayerPlan[K] } = {
      runs: p.runs,
      computeCycles: p.computeCycles,
      port: p.port,
      traffic: p.traffic,
      actions: p.actions,
      vectorOps: p.vectorOps,
      unit: kind.role,
      runsOn: unit,
      execution: ctx.execution,
    };
    if (p.mapping) plan.mapping = p.mapping;
    return plan;
  }
  return { ...planView(layer, ctx), unit: 'none', execution: ctx.execution };
}

/**
 * A view moves no data, except that when its result does not stay on chip (a graph output, or
 * a concat of on-chip and off-chip parts) the parts that were on chip must be written out.
 */
function planView(layer: Layer, ctx: PlanContext) {
  const b = ctx.execution.bytes;
  const drain = ctx.keepOutputOnChip
    ? 0
    : layer.inputShapes.reduce((s, shape, i) => s + (ctx.inputsOnChip[i] ? elementsOf(shape) * b.output : 0), 0);
  // It leaves from where the tensors live, across the output's last boundary only.
  const traffic = ctx.boundaries.map((bd) => ({
    fills: zeroRoles(),
    drains: { input: 0, weight: 0, output: bd.last.output ? drain : 0 },
  }));
  const stores = route(
    ctx.boundaries,
    ctx.channels,
    traffic.map((t) => t.drains),
  );
  return {
    runs: drain > 0 ? [{ count: 1, tile: { computeCycles: 0, loads: new Array<number>(ctx.channels).fill(0), stores } }] : [],
    computeCycles: 0,
    port: { reads: zeroRoles(), writes: zeroRoles() },
    traffic,
    actions: {},
    vectorOps: 0,
  };
}
