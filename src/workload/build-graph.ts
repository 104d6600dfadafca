import type { LayerSpec, WorkloadSpec } from '../config/schemas/workload.js';
import { UserError, fail, type Problem } from '../config/user-error.js';
import { parseNM, resolvePrecision, resolveSparsity, type LayerSparsity, type TensorSparsity } from './precision.js';
import type { Graph, Layer, Tensor } from './graph.js';
import { inferLayer } from './infer-shapes.js';
import { elementsOf, type LayerSite } from './layer-site.js';
import { resolveInputs } from './resolve-inputs.js';

/**
 * Builds the layer graph from a schema-valid workload: resolves each layer's inputs, infers
 * shapes and counts MACs and parameters. Every problem (unknown tensor, duplicate name, shape
 * mismatch) is collected with its JSON path and thrown as one UserError; layers downstream of a
 * failed layer are skipped rather than reported again.
 */
export function buildGraph(
  spec: WorkloadSpec,
  file?: string,
  files: readonly string[] = file ? [file] : [],
  readWeights: WeightsReader = noWeightsReader,
): Graph {
  const problems: Problem[] = [];
  // Tensor name → shape; `undefined` marks the output of a layer that failed.
  const shapes = new Map<string, readonly number[] | undefined>(Object.entries(spec.inputs).map(([name, t]) => [name, t.shape]));
  const inputs: Tensor[] = Object.entries(spec.inputs).map(([name, t]) => ({
    name,
    shape: t.shape,
    elements: elementsOf(t.shape),
  }));
  const layers: Layer[] = [];

  spec.layers.forEach((layerSpec, index) => {
    const at = `/layers/${index}`;
    try {
      const names = resolveInputs(spec, index, shapes, file);
      const inputShapes = names.map((n) => shapes.get(n));
      if (shapes.has(layerSpec.name)) {
        problems.push({ file, path: `${at}/name`, message: duplicateMessage(spec, layerSpec.name) });
        return;
      }
      if (inputShapes.some((s) => s === undefined)) {
        shapes.set(layerSpec.name, undefined);
        return;
      }
      const ctx: LayerSite = { file, at, inputNames: names, multiInput: 'inputs' in layerSpec };
      const settings: { precision: Layer['precision']; sparsity: LayerSparsity } = {
        precision: resolvePrecision(layerSpec.precision, resolvePrecision(spec.precision)),
        sparsity: resolveSparsity(layerSpec.sparsity, resolveSparsity(spec.sparsity)),
      };
      checkSparsity(
        settings.sparsity,
        spec.sparsity === undefined || layerSpec.sparsity !== undefined ? `${at}/sparsity` : '/sparsity',
        file,
      );
      const layer = toLayer(layerSpec, index, names, inputShapes as (readonly number[])[], ctx);
      const weightsFile = 'weightsFile' in layerSpec ? layerSpec.weightsFile : undefined;
      if (weightsFile !== undefined) {
        settings.sparsity = {
          ...settings.sparsity,
          weight: measuredWeightSparsity(weightsFile, layer, settings.sparsity.weight, file, `${at}/weightsFile`, readWeights),
        };
      }
      layers.push({ ...layer, ...settings });
      shapes.set(layerSpec.name, layers[layers.length - 1].outputShape);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      problems.push(...err.problems);
      if (!shapes.has(layerSpec.name)) shapes.set(layerSpec.name, undefined);
    }
  });
  if (problems.length) throw new UserError(problems);

  return {
    name: spec.name,
    description: spec.description,
    source: spec.source,
    inputs,
    layers,
    totals: {
      macs: layers.reduce((s, l) => s + l.macs, 0),
      params: layers.reduce((s, l) => s + l.weightElements + l.biasElements, 0),
      layers: layers.length,
    },
    files,
  };
}

/** What a layer's trained-weights file holds: its shape and how many of its values are non-zero. */
export interface WeightStats {
  readonly shape: readonly number[];
  readonly elements: number;
  readonly nonZero: number;
}

/** Reads a `weightsFile` named at `at` (a path relative to the workload file); loaders supply one. */
export type WeightsReader = (ref: string, file: string | undefined, at: string) => WeightStats;

const noWeightsReader: WeightsReader = (_ref, file, at) =>
  fail(file, at, 'a weightsFile can only be read when the workload is loaded from a file (loadWorkload)');

/**
 * The weight density of a layer counted from its trained weights (a .npy file beside the
 * workload); the file must hold exactly the layer's weights (bias excluded).
 */
function measuredWeightSparsity(
  ref: string,
  layer: Omit<Layer, 'precision' | 'sparsity'>,
  declared: TensorSparsity,
  file: string | undefined,
  at: string,
  readWeights: WeightsReader,
): TensorSparsity {
  if (layer.weightElements === 0) fail(file, at, `layer "${layer.name}" (${layer.type}) has no weights to read`);
  const stats = readWeights(ref, file, at);
  if (stats.elements !== layer.weightElements) {
    fail(
      file,
      at,
      `"${ref}" holds ${stats.elements} values (shape [${stats.shape.join(', ')}]) but layer "${layer.name}" has ${layer.weightElements} weights`,
    );
  }
  return { density: stats.nonZero / stats.elements, structure: declared.structure };
}

/** An N:M pattern must keep at most N of M (N ≤ M), and its density is then N/M at most. */
function checkSparsity(s: LayerSparsity, at: string, file: string | undefined): void {
  for (const [tensor, t] of [
    ['weight', s.weight],
    ['activation', s.input],
  ] as const) {
    const nm = parseNM(t.structure);
    if (nm && nm.n > nm.m) fail(file, `${at}/${tensor}/structure`, `an N:M pattern needs N ≤ M, got "${t.structure}"`);
    if (nm && t.density > nm.n / nm.m + 1e-9) {
      fail(
        file,
        `${at}/${tensor}/density`,
        `${t.structure} sparsity keeps at most ${nm.n}/${nm.m} = ${nm.n / nm.m} of the elements; density ${t.density} is not possible`,
      );
    }
  }
}

function toLayer(
  spec: LayerSpec,
  index: number,
  inputs: readonly string[],
  inputShapes: readonly (readonly number[])[],
  ctx: LayerSite,
): Omit<Layer, 'precision' | 'sparsity'> {
  const work = inferLayer(spec, inputShapes, ctx);
  return {
    name: spec.name,
    type: spec.type,
    index,
    inputs,
    inputShapes,
    outputShape: work.outputShape,
    op: work.op,
    macs: work.macs,
    weightElements: work.weightElements,
    biasElements: work.biasElements,
    activationElements: inputShapes.reduce((s, shape) => s + elementsOf(shape), 0) + elementsOf(work.outputShape),
  };
}

function duplicateMessage(spec: WorkloadSpec, name: string): string {
  const owner = name in spec.inputs ? 'a graph input' : `layer /layers/${spec.layers.findIndex((l) => l.name === name)}`;
  return `duplicate name "${name}": ${owner} already has it; layer names must be unique (they name the layers' output tensors)`;
}
