import { UserError } from '../config/user-error.js';
import type { Arch } from '../hardware/arch.js';
import type { CostTable } from '../energy/cost-table.js';
import { loadCostTable } from '../load/load-cost-table.js';
import { loadWorkload } from '../load/load-workload.js';
import { simulate } from '../sim/simulate.js';
import type { Graph } from '../workload/graph.js';
import { applyWhatIf, isWhatIf, type WhatIf } from '../workload/what-if.js';
import { breaks, type Sweep } from './load-sweep.js';
import { metricsOf, type Metrics } from './metrics.js';
import { canonicalJson } from '../config/canonical-json.js';
import { buildPointArch, pointKey, type SweepPoint } from './sweep-point.js';

/** One (design point, workload) of a sweep: what it writes, one JSON line each. */
export interface SweepRow {
  /** Content key: the same arch, workload and options give the same key in any sweep. */
  readonly key: string;
  readonly point: number;
  readonly workload: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** It ran and met every budget. */
  readonly feasible: boolean;
  /** Why not: the run's error (a layer that cannot be tiled), or the budgets it broke. */
  readonly reason?: string;
  /** Null when it could not run. */
  readonly metrics: Metrics | null;
}

/** Caches shared by the points one process evaluates: archs by document, graphs by workload and batch. */
export class Evaluator {
  private readonly archs = new Map<string, Arch | UserError>();
  private readonly graphs = new Map<string, Graph | UserError>();
  private readonly variants = new Map<Graph, Map<string, Graph>>();
  private readonly tables = new Map<string, CostTable>();

  constructor(private readonly sweep: Sweep) {}

  /** Runs one point on one workload; a run that fails or breaks a budget is recorded, never thrown. */
  evaluate(point: SweepPoint, workload: Sweep['workloads'][number], key = pointKey(point, workload)): SweepRow {
    const row = { key, point: point.index, workload: workload.ref, parameters: point.parameters };
    try {
      const arch = this.archOf(point);
      const graph = this.graphOf(workload.ref, point.options.batch as number | undefined);
      const costTable = this.costTableOf(point.options.costTable as string | undefined);
      const metrics = metricsOf(simulate(arch, this.variantOf(graph, whatIfOf(point)), { costTable }));
      const broken = this.sweep.constraints.filter((c) => breaks(c, metrics[c.metric]));
      if (!broken.length) return { ...row, feasible: true, metrics };
      const text = broken.map((c) => `${c.metric} ${metrics[c.metric] ?? 'unknown'} outside [${c.min ?? '−∞'}, ${c.max ?? '∞'}]`);
      return { ...row, feasible: false, reason: `over budget: ${text.join('; ')}`, metrics };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { ...row, feasible: false, reason: err.message, metrics: null };
    }
  }

  private archOf(point: SweepPoint): Arch {
    const { name: _name, ...content } = point.archDoc;
    const key = canonicalJson(content);
    let arch = this.archs.get(key);
    if (!arch) {
      try {
        arch = buildPointArch(this.sweep, point);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        arch = err;
      }
      if (this.archs.size > 64) this.archs.clear();
      this.archs.set(key, arch);
    }
    if (arch instanceof UserError) throw arch;
    return arch;
  }

  /** A cost table a point names, read once per sweep (not once per point). */
  private costTableOf(ref: string | undefined): CostTable | undefined {
    if (ref === undefined) return undefined;
    let table = this.tables.get(ref);
    if (!table) this.tables.set(ref, (table = loadCostTable(ref)));
    return table;
  }

  /** The graph with the point's what-if applied, made once per (graph, what-if): most points share one. */
  private variantOf(graph: Graph, whatIf: WhatIf): Graph {
    if (!isWhatIf(whatIf)) return graph;
    let byWhatIf = this.variants.get(graph);
    if (!byWhatIf) this.variants.set(graph, (byWhatIf = new Map()));
    const key = JSON.stringify(whatIf);
    let g = byWhatIf.get(key);
    if (!g) {
      if (byWhatIf.size > 64) byWhatIf.clear();
      byWhatIf.set(key, (g = applyWhatIf(graph, whatIf)));
    }
    return g;
  }

  private graphOf(ref: string, batch: number | undefined): Graph {
    const key = `${ref}\u0000${batch ?? ''}`;
    let g = this.graphs.get(key);
    if (!g) {
      try {
        g = loadWorkload(ref, { batch });
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        g = err;
      }
      this.graphs.set(key, g);
    }
    if (g instanceof UserError) throw g;
    return g;
  }
}

/** The point's workload-side options as a what-if. */
function whatIfOf(point: SweepPoint): WhatIf {
  const o = point.options;
  return {
    precision: o.precision as string | undefined,
    weightDensity: o.prune !== undefined ? 1 - (o.prune as number) : (o.weightDensity as number | undefined),
    structure: o.sparsityStructure as string | undefined,
  };
}
