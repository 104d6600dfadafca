/**
 * An ONNX model as plain data: its opset, graph inputs with their shapes, constant tensors
 * (initializers and `Constant` nodes alike) and nodes with their attributes. Decoded with
 * `onnx-proto` (protobufjs code generated from onnx.proto), loaded only when a model is read.
 * Tensor contents stay views into the file's bytes: nothing is copied into JS arrays.
 */
import { createRequire } from 'node:module';
import { fail } from '../../config/user-error.js';

/** ONNX TensorProto.DataType codes this importer reads. */
export const ONNX_TYPES = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
  22: 'int4',
  21: 'uint4',
} as const satisfies Record<number, string>;
export type OnnxType = (typeof ONNX_TYPES)[keyof typeof ONNX_TYPES];

/** A constant tensor: its shape, element type and raw little-endian bytes (or decoded numbers). */
export interface ConstTensor {
  readonly dims: readonly number[];
  readonly type: OnnxType | 'unknown';
  readonly bytes?: Uint8Array;
  readonly values?: readonly number[];
}

export type AttributeValue = number | string | readonly number[] | ConstTensor | undefined;

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, AttributeValue>;
}

/** A graph input's dimensions: a number, or the name of a symbolic dimension ("batch"). */
export type Dim = number | string;

export interface OnnxGraph {
  readonly opset: number;
  readonly producer: string;
  readonly graphName: string;
  readonly inputs: readonly { readonly name: string; readonly dims: readonly Dim[]; readonly type: OnnxType | 'unknown' }[];
  readonly constants: ReadonlyMap<string, ConstTensor>;
  readonly nodes: readonly OnnxNode[];
  readonly outputs: readonly string[];
}

interface Long {
  toNumber(): number;
}
type Num = number | Long | null | undefined;
const num = (v: Num): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

interface TensorProto {
  dims?: Num[];
  dataType?: number;
  name?: string;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Num[];
  doubleData?: number[];
  uint64Data?: Num[];
  dataLocation?: number;
}
interface AttributeProto {
  name?: string;
  type?: number;
  f?: number;
  i?: Num;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: Num[];
  strings?: Uint8Array[];
}
interface NodeProto {
  name?: string;
  opType?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: AttributeProto[];
}
interface ValueInfoProto {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: Num; dimParam?: string }[] } } };
}
interface ModelProto {
  producerName?: string;
  opsetImport?: { domain?: string; version?: Num }[];
  graph?: {
    name?: string;
    node?: NodeProto[];
    initializer?: TensorProto[];
    input?: ValueInfoProto[];
    output?: ValueInfoProto[];
  };
}

interface OnnxProtoModule {
  onnx: { ModelProto: { decode(bytes: Uint8Array): ModelProto } };
}
let onnxProto: OnnxProtoModule | undefined;
/** onnx-proto and protobufjs load only when a model is read (they cost every other command nothing). */
export function onnxProtoModule(): OnnxProtoModule {
  return (onnxProto ??= createRequire(import.meta.url)('onnx-proto') as OnnxProtoModule);
}

const typeOf = (code: number | undefined): OnnxType | 'unknown' =>
  (ONNX_TYPES as Record<number, OnnxType>)[code ?? 0] ?? 'unknown';

function constTensor(t: TensorProto, file: string, what: string): ConstTensor {
  const dims = (t.dims ?? []).map(num);
  const type = typeOf(t.dataType);
  if (t.dataLocation === 1)
    fail(
      file,
      undefined,
      `${what} keeps its data in an external file, which the importer does not read; save the model with its weights inside`,
    );
  if (t.rawData && t.rawData.length) return { dims, type, bytes: t.rawData };
  const values = t.floatData?.length
    ? t.floatData
    : t.int32Data?.length
      ? t.int32Data
      : t.int64Data?.length
        ? t.int64Data.map(num)
        : t.doubleData?.length
          ? t.doubleData
          : t.uint64Data?.length
            ? t.uint64Data.map(num)
            : [];
  return { dims, type, values };
}

function attribute(a: AttributeProto, file: string, node: string): AttributeValue {
  switch (a.type) {
    case 1:
      return a.f ?? 0;
    case 2:
      return num(a.i);
    case 3:
      return new TextDecoder().decode(a.s ?? new Uint8Array());
    case 4:
      return a.t ? constTensor(a.t, file, `attribute "${a.name}" of node ${node}`) : undefined;
    case 6:
      return a.floats ?? [];
    case 7:
      return (a.ints ?? []).map(num);
    default:
      return undefined;
  }
}

/** Decodes an ONNX model file's bytes; a file that is not one gets a UserError naming it. */
export function readOnnx(bytes: Uint8Array, file: string): OnnxGraph {
  let model: ModelProto;
  try {
    model = onnxProtoModule().onnx.ModelProto.decode(bytes);
  } catch (err) {
    return fail(
      file,
      undefined,
      `is not a readable ONNX model (${(err as Error).message}); expected a .onnx file saved by an exporter`,
    );
  }
  const g = model.graph;
  if (!g || !g.node?.length)
    return fail(file, undefined, 'is not an ONNX model with a graph (no nodes found); expected a .onnx file');
  const opset = num((model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx')?.version);
  const constants = new Map<string, ConstTensor>();
  for (const t of g.initializer ?? []) constants.set(t.name ?? '', constTensor(t, file, `initializer "${t.name}"`));
  const nodes: OnnxNode[] = [];
  (g.node ?? []).forEach((n, i) => {
    const name = n.name || n.output?.[0] || `node${i}`;
    const attributes = new Map((n.attribute ?? []).map((a) => [a.name ?? '', attribute(a, file, name)] as const));
    if (n.opType === 'Constant' && (!n.domain || n.domain === 'ai.onnx')) {
      const value = attributes.get('value');
      const scalar = attributes.get('value_float') ?? attributes.get('value_int');
      const list = attributes.get('value_floats') ?? attributes.get('value_ints');
      const c: ConstTensor | undefined =
        value && typeof value === 'object' && 'dims' in value
          ? value
          : typeof scalar === 'number'
            ? { dims: [], type: attributes.has('value_int') ? 'int64' : 'float32', values: [scalar] }
            : Array.isArray(list)
              ? { dims: [list.length], type: attributes.has('value_ints') ? 'int64' : 'float32', values: list }
              : undefined;
      if (!c)
        fail(file, undefined, `node ${name} (Constant) holds a kind of value the importer does not read (sparse or string)`);
      constants.set(n.output?.[0] ?? name, c!);
      return;
    }
    nodes.push({
      name,
      opType: n.opType ?? '',
      domain: n.domain ?? '',
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attributes,
    });
  });
  const inputs = (g.input ?? [])
    .filter((v) => !constants.has(v.name ?? ''))
    .map((v) => ({
      name: v.name ?? '',
      type: typeOf(v.type?.tensorType?.elemType),
      dims: (v.type?.tensorType?.shape?.dim ?? []).map((d): Dim => (d.dimParam ? d.dimParam : num(d.dimValue) || '?')),
    }));
  return {
    opset,
    producer: model.producerName ?? '',
    graphName: g.name ?? '',
    inputs,
    constants,
    nodes,
    outputs: (g.output ?? []).map((o) => o.name ?? ''),
  };
}
