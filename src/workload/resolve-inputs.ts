import type { WorkloadSpec } from '../config/schemas/workload.js';
import { fail } from '../config/user-error.js';

/**
 * The input tensor names of layer `index`: its `inputs`, its `input`, or by default the previous
 * layer's output (the single graph input for the first layer). Fails at the JSON path of the
 * reference when a name is not a graph input or an earlier layer.
 * @param known tensors defined so far (graph inputs and earlier layers)
 */
export function resolveInputs(spec: WorkloadSpec, index: number, known: ReadonlyMap<string, unknown>, file?: string): string[] {
  const layer = spec.layers[index];
  const at = `/layers/${index}`;
  if ('inputs' in layer) return layer.inputs.map((name, j) => check(name, `${at}/inputs/${j}`));
  if (layer.input !== undefined) return [check(layer.input, `${at}/input`)];
  if (index > 0) return [spec.layers[index - 1].name];
  const graphInputs = Object.keys(spec.inputs);
  if (graphInputs.length !== 1) {
    fail(
      file,
      `${at}/input`,
      `the graph has ${graphInputs.length} inputs (${graphInputs.join(', ')}); the first layer must name one in "input"`,
    );
  }
  return graphInputs;

  function check(name: string, path: string): string {
    if (known.has(name)) return name;
    const later = spec.layers.findIndex((l, i) => i >= index && l.name === name);
    if (later >= 0) {
      fail(
        file,
        path,
        `tensor "${name}" is the output of a later layer (/layers/${later}); a layer may only read graph inputs and earlier layers`,
      );
    }
    return fail(file, path, `unknown tensor "${name}"; known here: ${[...known.keys()].join(', ')}`);
  }
}
