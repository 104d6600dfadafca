/**
 * A TFLite graph as a picojoule workload. TFLite stores every tensor's shape, so nothing is
 * inferred here: each operator that does work becomes a layer named after its output tensor, in
 * NCHW (TFLite's NHWC 4-D shapes are reordered; axes follow). Fused activations stay fused; an
 * activation right after a convolution or FC folds into it; DEQUANTIZE of fp16 weights and
 * DENSIFY of sparse weights hand the weights on, whose density is measured from their bytes.
 */
import type { LayerSpec, WorkloadSpec } from '../../config/schemas/workload.js';
import { fail } from '../../config/user-error.js';
import { FOLDS_INTO, PRECISION_OF, share } from '../model-layers.js';
import type { ConstTensor, OnnxType } from '../onnx/onnx-graph.js';
import { measureWeights, nonZeroTest, type ReductionLayout } from '../weight-stats.js';
import type { TfliteGraph, TfliteOperator, TfliteTensor } from './tflite-model.js';

export interface TfliteImportOptions {
  readonly allowUnsupported?: boolean;
  readonly name: string;
}

const ACTIVATIONS: Readonly<Record<string, string>> = {
  RELU: 'relu',
  RELU6: 'relu6',
  RELU_N1_TO_1: 'relu6',
  LOGISTIC: 'sigmoid',
  TANH: 'tanh',
  HARD_SWISH: 'hardswish',
  GELU: 'gelu',
  LEAKY_RELU: 'relu',
  PRELU: 'relu',
  ELU: 'relu',
};
const ELEMENTWISE: Readonly<Record<string, number>> = {
  ADD: 1,
  SUB: 1,
  MUL: 1,
  DIV: 1,
  MAXIMUM: 1,
  MINIMUM: 1,
  SQUARED_DIFFERENCE: 2,
  POW: 2,
  SQRT: 2,
  RSQRT: 2,
  EXP: 4,
  LOG: 4,
  ABS: 1,
  NEG: 1,
  SQUARE: 1,
  FLOOR: 1,
  CEIL: 1,
  ROUND: 1,
  SIN: 4,
  COS: 4,
  LESS: 1,
  GREATER: 1,
  EQUAL: 1,
  NOT_EQUAL: 1,
  SELECT: 1,
  SELECT_V2: 1,
  ADD_N: 1,
  L2_NORMALIZATION: 4,
  LOCAL_RESPONSE_NORMALIZATION: 8,
};
const REDUCTIONS = new Set(['MEAN', 'SUM', 'REDUCE_MAX', 'REDUCE_MIN', 'REDUCE_PROD', 'ARG_MAX', 'ARG_MIN']);
const VIEWS = new Set([
  'PAD',
  'PADV2',
  'MIRROR_PAD',
  'RESIZE_BILINEAR',
  'RESIZE_NEAREST_NEIGHBOR',
  'STRIDED_SLICE',
  'SLICE',
  'GATHER',
  'SPLIT',
  'SPLIT_V',
  'TILE',
  'DEPTH_TO_SPACE',
  'SPACE_TO_DEPTH',
  'TRANSPOSE',
  'PACK',
  'UNPACK',
  'BROADCAST_TO',
  'BATCH_TO_SPACE_ND',
  'SPACE_TO_BATCH_ND',
]);
const PASS_THROUGH = new Set(['DEQUANTIZE', 'QUANTIZE', 'CAST', 'DENSIFY']);

/** NHWC → NCHW for 4-D shapes; other ranks as they are. */
const nchw = (s: readonly number[]): number[] => (s.length === 4 ? [s[0], s[3], s[1], s[2]] : [...s]);
/** An NHWC axis of a 4-D tensor as the NCHW axis. */
const axisNchw = (axis: number, rank: number): number => {
  const a = axis < 0 ? axis + rank : axis;
  return rank === 4 ? [0, 2, 3, 1][a] : a;
};

class Converter {
  readonly layers: LayerSpec[] = [];
  readonly notes = new Set<string>();
  readonly unsupported = new Map<string, number>();
  private readonly alias = new Map<number, string>();
  /** Weight tensors handed on by DEQUANTIZE / DENSIFY: the tensor a consumer reads → the one with the bytes. */
  private readonly weightOf = new Map<number, TfliteTensor>();
  private readonly readers = new Map<number, number>();
  private readonly layerOf = new Map<string, LayerSpec>();
  private readonly names = new Set<string>();
  private op!: TfliteOperator;

  constructor(
    private readonly graph: TfliteGraph,
    private readonly file: string,
    private readonly options: TfliteImportOptions,
  ) {
    for (const o of graph.operators) for (const i of o.inputs) if (i >= 0) this.readers.set(i, (this.readers.get(i) ?? 0) + 1);
    for (const o of graph.outputs) this.readers.set(o, (this.readers.get(o) ?? 0) + 1);
  }

  inputs(): WorkloadSpec['inputs'] {
    const out: Record<string, { shape: number[] }> = {};
    for (const i of this.graph.inputs) {
      const t = this.graph.tensors[i];
      this.alias.set(i, t.name);
      out[t.name] = { shape: nchw(t.shape.map((d) => (d > 0 ? d : 1))) };
    }
    return out;
  }

  run(): void {
    for (const op of this.graph.operators) {
      this.op = op;
      this.convert(op);
    }
  }

  private t = (i: number) => this.graph.tensors[i];
  private isConst = (i: number) => this.t(i).data !== undefined || this.weightOf.has(i);
  private refuse(why: string): never {
    return fail(this.file, undefined, `operator ${this.op.op} (output "${this.t(this.op.outputs[0])?.name}"): ${why}`);
  }
  private source(i: number): string {
    const a = this.alias.get(i);
    if (a === undefined) this.refuse(`its input "${this.t(i).name}" is not produced by anything the importer read`);
    return a!;
  }
  private uniqueName(i: number): string {
    const base = this.t(i).name;
    let name = base;
    for (let k = 2; this.names.has(name) || this.graph.inputs.some((g) => this.t(g).name === name); k++) name = `${base}#${k}`;
    this.names.add(name);
    return name;
  }
  /** Adds a layer making tensor `output` (or, with `name`, an intermediate of the importer's own). */
  private emit(layer: Record<string, unknown>, output = this.op.outputs[0], name?: string): LayerSpec {
    const layerName = name ?? this.uniqueName(output);
    const full = { ...layer, name: layerName, source: `TFLite ${this.op.op} → "${this.t(output).name}"` } as unknown as LayerSpec;
    this.layers.push(full);
    this.layerOf.set(layerName, full);
    if (name === undefined) this.alias.set(output, layerName);
    return full;
  }
  private shape = (i: number) => nchw(this.t(i).shape);
  private soleProducer(i: number): LayerSpec | undefined {
    const l = this.layerOf.get(this.alias.get(i) ?? '');
    return l && FOLDS_INTO.has(l.type) && (this.readers.get(i) ?? 0) === 1 ? l : undefined;
  }
  private unsupportedOp(name: string): void {
    this.unsupported.set(name, (this.unsupported.get(name) ?? 0) + 1);
    const live = this.op.inputs.filter((i) => i >= 0 && !this.isConst(i) && this.alias.has(i));
    if (!live.length) return;
    if (this.options.allowUnsupported)
      this.op.outputs.forEach((o) => this.emit({ type: 'view', op: name, input: this.source(live[0]), shape: this.shape(o) }, o));
    else this.op.outputs.forEach((o) => this.alias.set(o, this.source(live[0])));
  }
  private weightFacts(i: number, layout: ReductionLayout): Record<string, unknown> {
    const w = this.weightOf.get(i) ?? this.t(i);
    const precision = PRECISION_OF[w.type as OnnxType];
    if (w.type === 'float32')
      this.notes.add("fp32 weights are simulated at the arch's own precision (picojoule has no fp32 datapath)");
    const c: ConstTensor = { dims: w.shape, type: w.type, bytes: w.data };
    let density: number | undefined;
    let structure: string | undefined;
    if (w.sparse) {
      // Only the kept values are stored: the density is their non-zeros over the dense size.
      const test = nonZeroTest({ ...c, dims: [w.data!.length] });
      const size = { int8: 1, uint8: 1, float16: 2, float32: 4 }[w.type as string] ?? 1;
      let nz = 0;
      for (let k = 0; k < w.data!.length / size; k++) if (test?.(k)) nz++;
      density = nz / w.shape.reduce((a, b) => a * b, 1);
      this.notes.add('weights stored sparse (TFLite DENSIFY): their density counts the stored non-zeros');
    } else {
      const stats = measureWeights(c, layout);
      if (stats && stats.nonZero < stats.elements) [density, structure] = [stats.nonZero / stats.elements, stats.structure];
    }
    return {
      ...(precision ? { precision } : {}),
      ...(density !== undefined ? { sparsity: { weight: { density, ...(structure ? { structure } : {}) } } } : {}),
    };
  }

  private convert(o: TfliteOperator): void {
    const name = o.op;
    const [x, w] = o.inputs;
    const opt = o.options;
    const padding = () => (opt?.byte(0) === 1 ? 'valid' : 'same');
    if (PASS_THROUGH.has(name)) {
      if (this.isConst(x)) this.weightOf.set(o.outputs[0], this.weightOf.get(x) ?? this.t(x));
      else this.alias.set(o.outputs[0], this.source(x));
      return;
    }
    if (name === 'CONV_2D' || name === 'DEPTHWISE_CONV_2D') {
      const xs = this.shape(x);
      const ws = this.t(w).shape; // CONV_2D [O, kh, kw, I]; DEPTHWISE [1, kh, kw, O]
      const out = this.shape(o.outputs[0]);
      const [kh, kw] = [ws[1], ws[2]];
      const stride = [opt?.int(2, 1) ?? 1, opt?.int(1, 1) ?? 1];
      const dilation =
        name === 'CONV_2D' ? [opt?.int(5, 1) ?? 1, opt?.int(4, 1) ?? 1] : [opt?.int(6, 1) ?? 1, opt?.int(5, 1) ?? 1];
      const pair = (v: number[]) => (v[0] === v[1] ? v[0] : v);
      const bias = o.inputs[2] !== undefined && o.inputs[2] >= 0 ? {} : { bias: false };
      if (name === 'DEPTHWISE_CONV_2D') {
        const facts = this.weightFacts(w, { outer: 1, reduce: kh * kw, inner: ws[3] });
        this.emit({
          type: 'depthwise',
          input: this.source(x),
          kernel: pair([kh, kw]),
          stride: pair(stride),
          padding: padding(),
          multiplier: out[1] / xs[1],
          ...bias,
          ...facts,
        });
      } else {
        const groups = xs[1] / ws[3];
        const facts = this.weightFacts(w, { outer: ws[0] * kh * kw, reduce: ws[3], inner: 1 });
        const plain = dilation.every((d) => d === 1);
        if (kh === 1 && kw === 1 && groups === 1 && plain)
          this.emit({ type: 'pointwise', input: this.source(x), outChannels: ws[0], stride: pair(stride), ...bias, ...facts });
        else
          this.emit({
            type: 'conv2d',
            input: this.source(x),
            outChannels: ws[0],
            kernel: pair([kh, kw]),
            stride: pair(stride),
            padding: padding(),
            ...(plain ? {} : { dilation: pair(dilation) }),
            ...(groups > 1 ? { groups } : {}),
            ...bias,
            ...facts,
          });
      }
      return;
    }
    if (name === 'TRANSPOSE_CONV' || name === 'CUSTOM:Convolution2DTransposeBias') {
      // TRANSPOSE_CONV: [output_shape, weights, input, bias?]; MediaPipe's custom op: [input, weights, bias].
      const [input, weights, bias] = name === 'TRANSPOSE_CONV' ? [o.inputs[2], o.inputs[1], o.inputs[3]] : o.inputs;
      const xs = this.shape(input);
      const ws = this.t(weights).shape; // [O, kh, kw, I]
      const out = this.shape(o.outputs[0]);
      const [kh, kw] = [ws[1], ws[2]];
      const stride = name === 'TRANSPOSE_CONV' ? [opt?.int(2, 1) ?? 1, opt?.int(1, 1) ?? 1] : [out[2] / xs[2], out[3] / xs[3]];
      if (!stride.every((v) => Number.isInteger(v) && v >= 1)) return this.unsupportedOp(`${name} (stride not a whole number)`);
      const crop = [0, 1].map((i) => (xs[2 + i] - 1) * stride[i] + (i === 0 ? kh : kw) - out[2 + i]);
      const pads = crop.map((c) => Math.max(0, c));
      const extra = crop.map((c) => Math.max(0, -c));
      const first = pads.map((c) => Math.floor(c / 2));
      if (name !== 'TRANSPOSE_CONV')
        this.notes.add("MediaPipe's Convolution2DTransposeBias read as a transposed convolution, its stride from the shapes");
      this.emit({
        type: 'conv2dTranspose',
        input: this.source(input),
        outChannels: ws[0],
        kernel: kh === kw ? kh : [kh, kw],
        stride: stride[0] === stride[1] ? stride[0] : stride,
        padding: [first[0], pads[0] - first[0], first[1], pads[1] - first[1]],
        ...(extra.some((e) => e) ? { outputPadding: extra[0] === extra[1] ? extra[0] : extra } : {}),
        ...(bias !== undefined && bias >= 0 ? {} : { bias: false }),
        ...this.weightFacts(weights, { outer: ws[0] * kh * kw, reduce: ws[3], inner: 1 }),
      });
      return;
    }
    if (name === 'FULLY_CONNECTED') {
      const ws = this.t(w).shape; // [O, I]
      const xs = this.shape(x);
      let input = this.source(x);
      if (xs.length < 2 || xs.length > 3 || xs[xs.length - 1] !== ws[1]) {
        // TFLite flattens the input to [rows, I] itself.
        const rows = xs.reduce((a, b) => a * b, 1) / ws[1];
        const flat = `${this.t(o.outputs[0]).name}:flatten`;
        this.names.add(flat);
        input = this.emit({ type: 'reshape', input, shape: [rows, ws[1]] }, o.outputs[0], flat).name;
      }
      const bias = o.inputs[2] !== undefined && o.inputs[2] >= 0 ? {} : { bias: false };
      this.emit({
        type: 'dense',
        input,
        outFeatures: ws[0],
        ...bias,
        ...this.weightFacts(w, { outer: ws[0], reduce: ws[1], inner: 1 }),
      });
      return;
    }
    if (name === 'BATCH_MATMUL' && !this.isConst(w)) {
      this.emit({ type: 'matmul', inputs: [this.source(x), this.source(w)], ...(opt?.bool(1) ? { transposeB: true } : {}) });
      return;
    }
    if (name in ACTIVATIONS) {
      if (this.soleProducer(x)) this.alias.set(o.outputs[0], this.source(x));
      else this.emit({ type: 'activation', input: this.source(x), function: ACTIVATIONS[name] });
      return;
    }
    if (name === 'AVERAGE_POOL_2D' || name === 'MAX_POOL_2D') {
      const type = name === 'MAX_POOL_2D' ? 'maxpool' : 'avgpool';
      const xs = this.shape(x);
      const [fh, fw] = [opt?.int(4, 1) ?? 1, opt?.int(3, 1) ?? 1];
      const out = this.shape(o.outputs[0]);
      if (fh === xs[2] && fw === xs[3] && out[2] === 1 && out[3] === 1) this.emit({ type, input: this.source(x), global: true });
      else {
        const stride = [opt?.int(2, 1) ?? 1, opt?.int(1, 1) ?? 1];
        this.emit({
          type,
          input: this.source(x),
          kernel: fh === fw ? fh : [fh, fw],
          stride: stride[0] === stride[1] ? stride[0] : stride,
          padding: padding(),
        });
      }
      return;
    }
    if (name === 'SOFTMAX' || name === 'LOG_SOFTMAX') {
      this.emit({ type: 'softmax', input: this.source(x), axis: this.t(x).shape.length === 4 ? 1 : -1 });
      return;
    }
    if (name === 'CONCATENATION') {
      const live = o.inputs.filter((i) => !this.isConst(i));
      const rank = this.t(o.outputs[0]).shape.length;
      const axis = axisNchw(opt?.int(0) ?? 0, rank);
      if (live.length === 1) this.emit({ type: 'view', op: name, input: this.source(live[0]), shape: this.shape(o.outputs[0]) });
      else this.emit({ type: 'concat', inputs: live.map((i) => this.source(i)), axis });
      return;
    }
    if (name === 'RESHAPE' || name === 'SQUEEZE' || name === 'EXPAND_DIMS') {
      this.emit({ type: 'reshape', input: this.source(x), shape: this.shape(o.outputs[0]) });
      return;
    }
    if (REDUCTIONS.has(name)) {
      const xs = this.t(x).shape;
      const axesTensor = this.t(w);
      const axes = axesTensor?.data ? [...new Int32Array(axesTensor.data.slice().buffer)].map((a) => axisNchw(a, xs.length)) : [];
      const keepDims = opt?.bool(0) ?? false;
      const out = this.shape(o.outputs[0]);
      if (name === 'MEAN' && xs.length === 4 && [...axes].sort().join() === '2,3' && keepDims)
        this.emit({ type: 'avgpool', input: this.source(x), global: true });
      else if (axes.length) this.emit({ type: 'reduce', op: name, input: this.source(x), axes, keepDims });
      else this.emit({ type: 'view', op: name, input: this.source(x), shape: out.length ? out : [1] });
      return;
    }
    if (VIEWS.has(name)) {
      o.outputs.forEach((out) =>
        this.emit({ type: 'view', op: name, input: this.source(x), shape: this.shape(out).length ? this.shape(out) : [1] }, out),
      );
      return;
    }
    if (name in ELEMENTWISE) {
      const live = o.inputs.filter((i) => i >= 0 && !this.isConst(i));
      const out = this.shape(o.outputs[0]);
      const same = (i: number) => this.shape(i).join() === out.join();
      if (live.length === 2 && (name === 'ADD' || name === 'MUL') && live.every(same))
        this.emit({ type: name === 'ADD' ? 'add' : 'mul', inputs: live.map((i) => this.source(i)) });
      else if (live.length === 1 && this.soleProducer(live[0]) && same(live[0]) && ['ADD', 'SUB', 'MUL', 'DIV'].includes(name))
        this.alias.set(o.outputs[0], this.source(live[0]));
      else if (live.length)
        this.emit({
          type: 'elementwise',
          op: name,
          inputs: live.map((i) => this.source(i)),
          ...(ELEMENTWISE[name] === 1 ? {} : { opsPerElement: ELEMENTWISE[name] }),
        });
      else this.unsupportedOp(`${name} (on constants only)`);
      return;
    }
    this.unsupportedOp(name);
  }
}

/** Converts a TFLite graph; unsupported operators (CUSTOM ones by name) are refused together, with counts. */
export function tfliteToWorkload(
  graph: TfliteGraph,
  file: string,
  options: TfliteImportOptions,
): { workload: WorkloadSpec; notes: string[] } {
  const c = new Converter(graph, file, options);
  const inputs = c.inputs();
  c.run();
  const list = [...c.unsupported].map(([op, k]) => `${op} ×${k}`).join(', ');
  if (c.unsupported.size && !options.allowUnsupported)
    fail(
      file,
      undefined,
      `operators the importer does not support: ${list}; \`picojoule import tflite --allow-unsupported\` writes a workload that runs them as zero-MAC data movement`,
    );
  if (c.unsupported.size)
    c.notes.add(`ran as zero-MAC data movement (--allow-unsupported): ${list} (${share(c.unsupported, c.layers.length)})`);
  if (!c.layers.length) fail(file, undefined, 'the model has no operators that do work');
  const base = file.split('/').pop();
  return {
    workload: {
      version: 1,
      name: options.name,
      description: `Imported from ${base} (TFLite schema ${graph.version}${graph.description ? `, ${graph.description}` : ''}); NHWC shapes written as NCHW`,
      source: `TFLite model ${base}; layer names are the model's output tensor names`,
      inputs,
      layers: c.layers,
    },
    notes: [...c.notes],
  };
}
