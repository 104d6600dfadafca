/**
 * Builds small ONNX models in tests (encoded with onnx-proto, as an exporter would write them),
 * so the importer is checked against graphs whose MACs and zeros are known by construction.
 */
import { createRequire } from 'node:module';

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
