import { createHash } from 'node:crypto';
import { canonicalJson } from '../config/canonical-json.js';
import { readFileSync } from 'node:fs';
import { isGemmHeader, topologyToWorkload } from '../import/scalesim.js';
import { importModelFile, isModelFile } from '../import/import-model.js';
import { locateDocument } from '../config/locate-document.js';
import { workloadDir } from '../config/paths.js';
import { listBuiltins, resolveExtends } from '../config/resolve-extends.js';
import { WorkloadSpec } from '../config/schemas/workload.js';
import { fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import { buildGraph } from '../workload/build-graph.js';
import { readWeightsFile } from './read-npy.js';
import type { Graph } from '../workload/graph.js';

/**
 * Loads a layer graph from a built-in name (`mobilenet-v2`, i.e. `workloads/<name>.json`), a
 * workload JSON path (with `extends` resolved), a SCALE-Sim topology `.csv` (conv or GEMM form),
 * or a trained model (`.onnx`), imported as `picojoule import onnx` would write it.
 */
export function loadWorkload(ref: string, options: { readonly batch?: number } = {}): Graph {
  if (ref.toLowerCase().endsWith('.csv')) return loadTopology(ref, options.batch);
  if (isModelFile(ref)) return loadModel(ref, options.batch);
  const file = locateDocument(ref, workloadDir(), 'workload', '--workload');
  const { data, files } = resolveExtends(file, workloadDir());
  const spec = withBatch(validateAgainst<WorkloadSpec>(WorkloadSpec, data, file), options.batch);
  const sha256 = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  return { ...buildGraph(spec, file, files, readWeightsFile), sha256 };
}

/**
 * The workload with every input's first dimension (its batch) set to `batch`. Layers that name
 * shapes of their own (a reshape to a fixed shape) may then not fit, and say so.
 */
function withBatch(spec: WorkloadSpec, batch: number | undefined): WorkloadSpec {
  if (batch === undefined) return spec;
  const inputs = Object.fromEntries(
    Object.entries(spec.inputs).map(([name, t]) => [name, { ...t, shape: [batch, ...t.shape.slice(1)] }]),
  );
  return { ...spec, inputs };
}

/** A built-in workload in one line: size in layers, MACs and parameters (weights + biases). */
export interface WorkloadSummary {
  readonly name: string;
  readonly description?: string;
  readonly layers: number;
  readonly macs: number;
  readonly params: number;
}

/** Summaries of every built-in workload, by name. */
export function listWorkloads(): WorkloadSummary[] {
  return listBuiltins(workloadDir()).map((name) => {
    const g = loadWorkload(name);
    return { name, description: g.description, layers: g.totals.layers, macs: g.totals.macs, params: g.totals.params };
  });
}

/** A SCALE-Sim topology: GEMM form when the header's second column is `M`, conv form otherwise. */
function loadTopology(file: string, batch?: number): Graph {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  const header = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  const spec = topologyToWorkload(text, file, { gemm: isGemmHeader(header) });
  return buildGraph(withBatch(validateAgainst<WorkloadSpec>(WorkloadSpec, spec, file), batch), file, [file]);
}

/** A model file's graph: its imported workload, checked against the schema like any other. */
function loadModel(file: string, batch: number | undefined): Graph {
  const { workload } = importModelFile(file);
  const spec = withBatch(validateAgainst<WorkloadSpec>(WorkloadSpec, workload, file), batch);
  const sha256 = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  return { ...buildGraph(spec, file, [file]), sha256 };
}
