/**
 * Builds small ONNX models in tests (encoded with onnx-proto, as an exporter would write them),
 * so the importer is checked against graphs whose MACs and zeros are known by construction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workloadDir } from '../../src/config/paths.js';
import { createRequire } from 'node:module';
import type { WorkloadSpec } from '../../src/config/schemas/workload.js';
import { loadWorkload } from '../../src/load/load-workload.js';

interface Encoder {
  onnx: { ModelProto: { create(m: object): object; encode(m: object): { finish(): Uint8Array } } };
}
const { onnx } = createRequire(import.meta.url)('onnx-proto') as Encoder;

export type Attr = number | string | number[] | { floats: number[] };

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attrs?: Readonly<Record<string, Attr>>;
  readonly domain?: string;
}

/** A float32 or int8 tensor of the given shape; `fill(i)` gives element i (default: i + 1, no zeros). */
export interface TensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type?: 'float32' | 'int8' | 'int64';
  readonly fill?: (i: number) => number;
}

function tensor(t: TensorSpec): object {
  const n = t.dims.reduce((a, b) => a * b, 1);
  const fill = t.fill ?? ((i: number) => (i % 7) + 1);
  const type = t.type ?? 'float32';
  if (type === 'int64')
    return { name: t.name, dims: t.dims, dataType: 7, int64Data: Array.from({ length: n }, (_, i) => fill(i)) };
  const raw = type === 'int8' ? new Uint8Array(n) : new Uint8Array(4 * n);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < n; i++) {
    if (type === 'int8') view.setInt8(i, fill(i));
    else view.setFloat32(4 * i, fill(i), true);
  }
  return { name: t.name, dims: t.dims, dataType: type === 'int8' ? 3 : 1, rawData: raw };
}

function attribute(name: string, v: Attr): object {
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  return { name, type: 6, floats: v.floats };
}

/** A Constant node holding a tensor (weights given the other way exporters give them). */
export function constantNode(t: TensorSpec): NodeSpec & { tensor: object } {
  return { op: 'Constant', inputs: [], outputs: [t.name], tensor: tensor(t) };
}

export function buildOnnx(spec: {
  readonly inputs: readonly { readonly name: string; readonly dims: readonly (number | string)[] }[];
  readonly initializers?: readonly TensorSpec[];
  readonly nodes: readonly (NodeSpec & { tensor?: object })[];
  readonly outputs: readonly string[];
  readonly opset?: number;
}): Uint8Array {
  const valueInfo = (name: string, dims: readonly (number | string)[] = []) => ({
    name,
    type: {
      tensorType: { elemType: 1, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'picojoule-test',
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: 'test',
      input: spec.inputs.map((i) => valueInfo(i.name, i.dims)),
      output: spec.outputs.map((o) => valueInfo(o)),
      initializer: (spec.initializers ?? []).map(tensor),
      node: spec.nodes.map((n, k) => ({
        name: n.name ?? `${n.op}_${k}`,
        opType: n.op,
        domain: n.domain ?? '',
        input: n.inputs,
        output: n.outputs,
        attribute: n.tensor
          ? [{ name: 'value', type: 4, t: n.tensor }]
          : Object.entries(n.attrs ?? {}).map(([a, v]) => attribute(a, v)),
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A built-in network written as the ONNX graph an exporter would make of it (int8 weights, NCHW). */
export function builtinAsOnnx(name: string, weights: 'int8' | 'float32' = 'int8'): Uint8Array {
  const spec = JSON.parse(readFileSync(join(workloadDir(), `${name}.json`), 'utf8')) as WorkloadSpec;
  const graph = loadWorkload(name);
  const pairOf = (v: number | number[] | undefined, d: number) => (v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : v);
  const inits: TensorSpec[] = [];
  const nodes: NodeSpec[] = [];
  const [inputName, input] = Object.entries(spec.inputs)[0];
  let previous = inputName;
  spec.layers.forEach((l, k) => {
    const layer = graph.layers[k];
    const ins = 'inputs' in l ? l.inputs : [l.input ?? previous];
    const cIn = layer.inputShapes[0][1];
    const conv = (outC: number, kernel: number[], groups: number) => {
      inits.push({ name: `${l.name}.w`, dims: [outC, cIn / groups, kernel[0], kernel[1]], type: weights });
      const s = l as { stride?: number | number[]; padding?: number | number[] };
      const p = pairOf(s.padding as number | number[] | undefined, 0);
      const pads = p.length === 4 ? [p[0], p[2], p[1], p[3]] : [p[0], p[1], p[0], p[1]];
      nodes.push({
        op: 'Conv',
        name: l.name,
        inputs: [ins[0], `${l.name}.w`],
        outputs: [l.name],
        attrs: { kernel_shape: kernel, strides: pairOf(s.stride, 1), pads, group: groups },
      });
    };
    if (l.type === 'conv2d') conv(l.outChannels, pairOf(l.kernel, 1), l.groups ?? 1);
    else if (l.type === 'pointwise') conv(l.outChannels, [1, 1], 1);
    else if (l.type === 'depthwise') conv(cIn * (l.multiplier ?? 1), pairOf(l.kernel, 1), cIn);
    else if (l.type === 'dense') {
      inits.push({ name: `${l.name}.w`, dims: [cIn, l.outFeatures], type: weights });
      nodes.push({ op: 'MatMul', name: l.name, inputs: [ins[0], `${l.name}.w`], outputs: [l.name] });
    } else if (l.type === 'add') nodes.push({ op: 'Add', name: l.name, inputs: ins, outputs: [l.name] });
    else if (l.type === 'flatten') nodes.push({ op: 'Flatten', name: l.name, inputs: ins, outputs: [l.name] });
    else if ((l.type === 'avgpool' || l.type === 'maxpool') && l.global)
      nodes.push({
        op: l.type === 'avgpool' ? 'GlobalAveragePool' : 'GlobalMaxPool',
        name: l.name,
        inputs: ins,
        outputs: [l.name],
      });
    else if (l.type === 'maxpool' || l.type === 'avgpool') {
      const p = pairOf(l.padding as number | number[] | undefined, 0);
      nodes.push({
        op: l.type === 'maxpool' ? 'MaxPool' : 'AveragePool',
        name: l.name,
        inputs: ins,
        outputs: [l.name],
        attrs: { kernel_shape: pairOf(l.kernel, 1), strides: pairOf(l.stride, 1), pads: [p[0], p[1], p[0], p[1]] },
      });
    } else throw new Error(`builtinAsOnnx: no ONNX form for ${l.type}`);
    previous = l.name;
  });
  return buildOnnx({ inputs: [{ name: inputName, dims: input.shape }], initializers: inits, nodes, outputs: [previous] });
}
