/**
 * An ONNX graph as a picojoule workload: one layer per operator that does work, named after the
 * ONNX node (so it can be found in Netron), with the precision of its weights and their density
 * and N:M structure measured from the model's bytes. BatchNormalization, biases and activations
 * right after a convolution or a matrix product fold into it, as a deployed graph fuses them;
 * shape arithmetic (Shape → Gather → Concat → Reshape) is evaluated here, as constants.
 */
import type { LayerSpec, WorkloadSpec } from '../../config/schemas/workload.js';
import { fail } from '../../config/user-error.js';
import { FOLDS_INTO, PRECISION_OF, share } from '../model-layers.js';
import type { AttributeValue, ConstTensor, OnnxGraph, OnnxNode, OnnxType } from './onnx-graph.js';
import { elementCount, measureWeights, type ReductionLayout } from '../weight-stats.js';
import { broadcastShapes } from '../../workload/elementwise-shapes.js';

export interface OnnxImportOptions {
  /** Shapes for graph inputs, replacing the model's (symbolic dimensions need one, or default to 1). */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  /** Run operators the importer does not know as zero-MAC vector work instead of refusing the model. */
  readonly allowUnsupported?: boolean;
  /** The workload's name (default: from the file name). */
  readonly name: string;
}

export interface OnnxImport {
  readonly workload: WorkloadSpec;
  /** What the import assumed or approximated, for the user to read. */
  readonly notes: readonly string[];
}

type Shape = readonly number[];

const ACTIVATIONS: Readonly<Record<string, string>> = {
  Relu: 'relu',
  Clip: 'relu6',
  Sigmoid: 'sigmoid',
  HardSigmoid: 'sigmoid',
  HardSwish: 'hardswish',
  Tanh: 'tanh',
  Gelu: 'gelu',
  LeakyRelu: 'relu',
  PRelu: 'relu',
  Elu: 'relu',
  Selu: 'relu',
  Softplus: 'sigmoid',
  Mish: 'swish',
};

/** Element-wise operators: vector operations per output element (rough counts, like the activations'). */
const ELEMENTWISE: Readonly<Record<string, number>> = {
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Pow: 2,
  Sqrt: 2,
  Reciprocal: 2,
  Exp: 4,
  Log: 4,
  Erf: 6,
  Neg: 1,
  Abs: 1,
  Max: 1,
  Min: 1,
  Sum: 1,
  Mean: 2,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  Sign: 1,
  Equal: 1,
  Less: 1,
  Greater: 1,
  LessOrEqual: 1,
  GreaterOrEqual: 1,
  Where: 1,
  And: 1,
  Or: 1,
  Not: 1,
  BatchNormalization: 2,
  InstanceNormalization: 8,
  Sin: 4,
  Cos: 4,
};

const REDUCTIONS = new Set([
  'ReduceMean',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL2',
  'ReduceSumSquare',
  'ArgMax',
  'ArgMin',
]);
/** Data movement without arithmetic: the output shape is computed here. */
const VIEWS = new Set([
  'Slice',
  'Gather',
  'Split',
  'Pad',
  'Expand',
  'Tile',
  'Resize',
  'Upsample',
  'DepthToSpace',
  'SpaceToDepth',
]);
/** Operators that pass their input through (for a simulation of the deployed graph). */
const PASS_THROUGH = new Set(['Identity', 'Dropout', 'Cast', 'QuantizeLinear', 'DequantizeLinear', 'CastLike']);
/** Operators on constants that only compute shapes and indices. */
const FOLDABLE = new Set([
  'Shape',
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Cast',
  'Slice',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Reshape',
  'Identity',
  'ConstantOfShape',
  'Range',
  'Size',
  'Equal',
  'Where',
  'Max',
  'Min',
  'Neg',
  'Floor',
  'Ceil',
  'Sqrt',
]);

class Converter {
  readonly layers: LayerSpec[] = [];
  readonly notes = new Set<string>();
  readonly unsupported = new Map<string, number>();
  /** Shapes of tensors by their ONNX name. */
  private readonly shapes = new Map<string, Shape>();
  /** Constant tensors by ONNX name: the model's and the ones evaluated here. */
  private readonly consts: Map<string, ConstTensor>;
  /** ONNX tensor → the workload tensor (graph input or layer name) it is. */
  private readonly alias = new Map<string, string>();
  /** How many nodes read each ONNX tensor. */
  private readonly readers = new Map<string, number>();
  private readonly layerOf = new Map<string, LayerSpec>();
  private readonly names = new Set<string>();
  private node!: OnnxNode;

  constructor(
    private readonly graph: OnnxGraph,
    private readonly file: string,
    private readonly options: OnnxImportOptions,
  ) {
    this.consts = new Map(graph.constants);
    for (const n of graph.nodes) for (const i of n.inputs) if (i) this.readers.set(i, (this.readers.get(i) ?? 0) + 1);
    for (const o of graph.outputs) this.readers.set(o, (this.readers.get(o) ?? 0) + 1);
  }

  inputs(): WorkloadSpec['inputs'] {
    const out: Record<string, { shape: number[] }> = {};
    for (const i of this.graph.inputs) {
      const given = this.options.inputShapes?.[i.name];
      let shape: number[];
      if (given) shape = [...given];
      else {
        const symbolic = i.dims.filter((d) => typeof d === 'string');
        if (symbolic.length)
          this.notes.add(
            `input "${i.name}": symbolic dimension${symbolic.length > 1 ? 's' : ''} ${symbolic.map((d) => `"${d}"`).join(', ')} set to 1 (give --input-shape ${i.name}=...)`,
          );
        shape = i.dims.map((d) => (typeof d === 'number' ? d : 1));
      }
      if (!shape.length)
        fail(this.file, undefined, `input "${i.name}" has no shape in the model; give --input-shape ${i.name}=1x3x224x224`);
      this.shapes.set(i.name, shape);
      this.alias.set(i.name, i.name);
      out[i.name] = { shape };
    }
    for (const name of Object.keys(this.options.inputShapes ?? {}))
      if (!this.graph.inputs.some((i) => i.name === name))
        fail(
          this.file,
          undefined,
          `--input-shape names "${name}", which is not an input of the model (inputs: ${this.graph.inputs.map((i) => i.name).join(', ')})`,
        );
    return out;
  }

  run(): void {
    for (const node of this.graph.nodes) {
      this.node = node;
      if (node.domain && node.domain !== 'ai.onnx') this.unsupportedOp(`${node.domain}.${node.opType}`);
      else this.convert(node);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private refuse(why: string): never {
    return fail(this.file, undefined, `node "${this.node.name}" (${this.node.opType}): ${why}`);
  }
  private attr<T extends AttributeValue>(name: string, fallback: T): T {
    const v = this.node.attributes.get(name);
    return (v === undefined ? fallback : v) as T;
  }
  private shapeOf(tensor: string): Shape {
    const c = this.consts.get(tensor);
    if (c) return c.dims;
    const s = this.shapes.get(tensor);
    if (!s) this.refuse(`the shape of input "${tensor}" is not known (it comes from an operator the importer skipped)`);
    return s!;
  }
  private isConst = (t: string) => this.consts.has(t);
  private valuesOf(tensor: string): number[] {
    const c = this.consts.get(tensor);
    if (!c) this.refuse(`input "${tensor}" must be a constant (a shape or index), but it is computed`);
    return constValues(c!, () => this.refuse(`cannot read constant "${tensor}" of type ${c!.type}`));
  }
  private optionalValues(tensor: string | undefined): number[] | undefined {
    return tensor ? this.valuesOf(tensor) : undefined;
  }
  /** The workload tensor an ONNX tensor is. */
  private source(tensor: string): string {
    const a = this.alias.get(tensor);
    if (a === undefined) this.refuse(`input "${tensor}" is not produced by anything the importer read`);
    return a!;
  }
  private passThrough(from: string, to: string): void {
    this.alias.set(to, this.source(from));
    this.shapes.set(to, this.shapeOf(from));
  }
  private uniqueName(): string {
    const base = this.node.name || this.node.outputs[0];
    let name = base;
    for (let k = 2; this.names.has(name) || this.graph.inputs.some((i) => i.name === name); k++) name = `${base}#${k}`;
    this.names.add(name);
    return name;
  }
  /** Adds a layer producing the node's output `index`; its output shape is computed by the caller. */
  private emit(
    layer: Omit<LayerSpec, 'name'> & Record<string, unknown>,
    shape: Shape,
    index = 0,
    name = this.uniqueName(),
  ): LayerSpec {
    const full = { ...layer, name, source: `ONNX node "${this.node.name}" (${this.node.opType})` } as unknown as LayerSpec;
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      const symbolic = [...this.notes].some((n) => n.includes('symbolic dimension'));
      this.refuse(
        `computed an output shape [${shape.join(', ')}], which is not a tensor shape${symbolic ? " (the inputs' symbolic dimensions were set to 1: give the real sizes with --input-shape)" : ''}`,
      );
    }
    this.layers.push(full);
    this.layerOf.set(name, full);
    this.alias.set(this.node.outputs[index], name);
    this.shapes.set(this.node.outputs[index], shape);
    return full;
  }
  /** The layer making `tensor`, when nothing else reads it: an activation or bias after it can fold in. */
  private soleProducer(tensor: string): LayerSpec | undefined {
    const l = this.layerOf.get(this.alias.get(tensor) ?? '');
    return l && FOLDS_INTO.has(l.type) && (this.readers.get(tensor) ?? 0) === 1 ? l : undefined;
  }
  private unsupportedOp(op: string): void {
    this.unsupported.set(op, (this.unsupported.get(op) ?? 0) + 1);
    const ins = this.node.inputs.filter((i) => i && !this.isConst(i) && this.alias.has(i));
    if (!ins.length) return;
    // Its outputs take its first input's shape, so the rest of the graph converts and every
    // unsupported operator is listed at once.
    if (this.options.allowUnsupported)
      this.emit({ type: 'elementwise', op, inputs: ins.map((i) => this.source(i)) }, this.shapeOf(ins[0]));
    else this.passThrough(ins[0], this.node.outputs[0]);
    this.node.outputs.slice(1).forEach((o) => this.passThrough(ins[0], o));
  }
  private weightFacts(weight: string, layout: ReductionLayout): Pick<LayerSpec, 'precision' | 'sparsity'> {
    const c = this.consts.get(weight)!;
    const precision = PRECISION_OF[c.type as OnnxType];
    if (!precision && c.type !== 'float32' && c.type !== 'float64')
      this.notes.add(`weights of type ${c.type} are simulated at the arch's precision`);
    if (c.type === 'float32')
      this.notes.add("fp32 weights are simulated at the arch's own precision (picojoule has no fp32 datapath)");
    const stats = measureWeights(c, layout);
    return {
      ...(precision ? { precision } : {}),
      ...(stats && stats.nonZero < stats.elements
        ? {
            sparsity: {
              weight: { density: stats.nonZero / stats.elements, ...(stats.structure ? { structure: stats.structure } : {}) },
            },
          }
        : {}),
    };
  }

  // --- operators -------------------------------------------------------------------------------

  private convert(n: OnnxNode): void {
    const op = n.opType;
    const [x] = n.inputs;
    if (n.inputs.filter(Boolean).every((i) => this.isConst(i)) && FOLDABLE.has(op) && this.fold(n)) return;
    if (op === 'Shape' || op === 'Size') return this.foldShape(n);
    if (op === 'Conv' || op === 'QLinearConv') return this.conv(n);
    if (op === 'ConvTranspose') return this.convTranspose(n);
    if (op === 'Gemm' || op === 'MatMul' || op === 'QLinearMatMul' || op === 'MatMulInteger') return this.matmul(n);
    if (op in ACTIVATIONS) return this.activation(n);
    if (op === 'BatchNormalization' || op === 'InstanceNormalization') {
      if (op === 'BatchNormalization' && this.soleProducer(x)) return this.passThrough(x, n.outputs[0]);
      // Its scale, shift, mean and variance are per channel (axis 1), not NumPy-broadcast.
      this.emit({ type: 'elementwise', op, inputs: [this.source(x)], opsPerElement: ELEMENTWISE[op] }, this.shapeOf(x));
      return;
    }
    if (PASS_THROUGH.has(op)) return this.passThroughOp(n);
    if (op === 'MaxPool' || op === 'AveragePool') return this.pool(n, op === 'MaxPool' ? 'maxpool' : 'avgpool', false);
    if (op === 'GlobalAveragePool' || op === 'GlobalMaxPool')
      return this.pool(n, op === 'GlobalMaxPool' ? 'maxpool' : 'avgpool', true);
    if (op === 'Softmax' || op === 'LogSoftmax') {
      const s = this.shapeOf(x);
      this.emit({ type: 'softmax', input: this.source(x), axis: this.attr('axis', this.graph.opset >= 13 ? -1 : 1) }, s);
      return;
    }
    if (op === 'LayerNormalization') {
      const s = this.shapeOf(x);
      const axis = this.attr<number>('axis', -1);
      if (axis !== -1 && axis !== s.length - 1) return this.elementwise(n, 8);
      this.emit({ type: 'layernorm', input: this.source(x) }, s);
      return;
    }
    if (op === 'Concat') return this.concat(n);
    if (op === 'Flatten' || op === 'Reshape' || op === 'Squeeze' || op === 'Unsqueeze') return this.reshape(n);
    if (op === 'Transpose') {
      const s = this.shapeOf(x);
      const perm = this.attr<number[]>(
        'perm',
        s.map((_, i) => s.length - 1 - i),
      );
      this.emit(
        { type: 'transpose', input: this.source(x), perm },
        perm.map((p) => s[p]),
      );
      return;
    }
    if (REDUCTIONS.has(op)) return this.reduce(n);
    if (VIEWS.has(op)) return this.view(n);
    if (op in ELEMENTWISE) return this.elementwise(n, ELEMENTWISE[op]);
    this.unsupportedOp(op);
  }

  private passThroughOp(n: OnnxNode): void {
    const [x] = n.inputs;
    if (this.isConst(x)) {
      // DequantizeLinear of int8 weights: the weights stay int8 for whatever reads them.
      this.consts.set(n.outputs[0], this.consts.get(x)!);
      return;
    }
    if (n.opType === 'QuantizeLinear') this.notes.add('QuantizeLinear/DequantizeLinear pairs: activations read as int8');
    this.passThrough(x, n.outputs[0]);
  }

  private conv(n: OnnxNode): void {
    const q = n.opType === 'QLinearConv';
    const [x, w, bias] = q ? [n.inputs[0], n.inputs[3], n.inputs[8]] : n.inputs;
    const xs = this.shapeOf(x);
    if (!this.isConst(w)) return this.unsupportedOp('Conv (computed weights)');
    const ws = this.shapeOf(w);
    if (xs.length !== 4 || ws.length !== 4) return this.unsupportedOp(`Conv (${xs.length - 2}-D)`);
    const [m, cPerGroup, kh, kw] = ws;
    const group = this.attr<number>('group', 1);
    const strides = this.attr<number[]>('strides', [1, 1]);
    const dilations = this.attr<number[]>('dilations', [1, 1]);
    const pads = this.attr<number[]>('pads', [0, 0, 0, 0]);
    const autoPad = this.attr<string>('auto_pad', 'NOTSET');
    const c = xs[1];
    if (c !== cPerGroup * group) this.refuse(`input has ${c} channels but the weights expect ${cPerGroup} × group ${group}`);
    const padding = workloadPadding(autoPad, pads);
    const [oh, ow] = [0, 1].map((i) =>
      windowOut(xs[2 + i], dilations[i] * ((i === 0 ? kh : kw) - 1) + 1, strides[i], padding, i),
    );
    const facts = this.weightFacts(w, { outer: m, reduce: cPerGroup, inner: kh * kw });
    const withBias = bias ? {} : { bias: false };
    const common = { input: this.source(x), ...facts, ...withBias };
    const plain = dilations.every((d) => d === 1);
    if (
      group === 1 &&
      kh === 1 &&
      kw === 1 &&
      plain &&
      (padding === 'valid' || (Array.isArray(padding) && padding.every((p) => p === 0)))
    )
      this.emit({ type: 'pointwise', outChannels: m, stride: pair(strides), ...common }, [xs[0], m, oh, ow]);
    else if (group === c && group > 1 && m % c === 0)
      this.emit({ type: 'depthwise', kernel: pair([kh, kw]), stride: pair(strides), padding, multiplier: m / c, ...common }, [
        xs[0],
        m,
        oh,
        ow,
      ]);
    else
      this.emit(
        {
          type: 'conv2d',
          outChannels: m,
          kernel: pair([kh, kw]),
          stride: pair(strides),
          padding,
          ...(plain ? {} : { dilation: pair(dilations) }),
          ...(group > 1 ? { groups: group } : {}),
          ...common,
        },
        [xs[0], m, oh, ow],
      );
    if (!plain && group === c && group > 1) this.notes.add('dilated depthwise convolutions are simulated undilated (same MACs)');
  }

  private convTranspose(n: OnnxNode): void {
    const [x, w, bias] = n.inputs;
    const xs = this.shapeOf(x);
    if (!this.isConst(w)) return this.unsupportedOp('ConvTranspose (computed weights)');
    const ws = this.shapeOf(w); // [inC, outC / group, kh, kw]
    if (xs.length !== 4 || ws.length !== 4) return this.unsupportedOp(`ConvTranspose (${xs.length - 2}-D)`);
    if (this.attr<number>('group', 1) !== 1) return this.unsupportedOp('ConvTranspose (grouped)');
    if (this.attr<number[]>('dilations', [1, 1]).some((d) => d !== 1)) return this.unsupportedOp('ConvTranspose (dilated)');
    const [, outC, kh, kw] = ws;
    const strides = this.attr<number[]>('strides', [1, 1]);
    const outputPadding = this.attr<number[]>('output_padding', [0, 0]);
    const full = [0, 1].map((i) => (xs[2 + i] - 1) * strides[i] + (i === 0 ? kh : kw) + outputPadding[i]);
    const wanted = this.attr<number[]>('output_shape', []);
    const autoPad = this.attr<string>('auto_pad', 'NOTSET');
    let pads = this.attr<number[]>('pads', [0, 0, 0, 0]);
    const target = wanted.length
      ? wanted.slice(-2)
      : autoPad.startsWith('SAME')
        ? [xs[2] * strides[0], xs[3] * strides[1]]
        : undefined;
    if (target) {
      const crop = [0, 1].map((i) => full[i] - target[i]);
      const first = crop.map((c) => (autoPad === 'SAME_LOWER' ? Math.ceil(c / 2) : Math.floor(c / 2)));
      pads = [first[0], first[1], crop[0] - first[0], crop[1] - first[1]];
    }
    const facts = this.weightFacts(w, { outer: 1, reduce: ws[0], inner: outC * kh * kw });
    this.emit(
      {
        type: 'conv2dTranspose',
        input: this.source(x),
        outChannels: outC,
        kernel: pair([kh, kw]),
        stride: pair(strides),
        padding: [pads[0], pads[2], pads[1], pads[3]],
        ...(outputPadding.some((p) => p) ? { outputPadding: pair(outputPadding) } : {}),
        ...(bias ? {} : { bias: false }),
        ...facts,
      },
      [xs[0], outC, full[0] - pads[0] - pads[2], full[1] - pads[1] - pads[3]],
    );
  }

  private matmul(n: OnnxNode): void {
    const q = n.opType === 'QLinearMatMul';
    const [a, b, c] = q ? [n.inputs[0], n.inputs[3]] : n.inputs;
    const as = this.shapeOf(a);
    const bs = this.shapeOf(b);
    if (n.opType === 'Gemm' && this.attr('transA', 0)) return this.unsupportedOp('Gemm (transA)');
    const transB = n.opType === 'Gemm' ? this.attr<number>('transB', 0) === 1 : false;
    if (this.isConst(b) && bs.length === 2 && as.length >= 2 && as.length <= 3) {
      const [k, out] = transB ? [bs[1], bs[0]] : bs;
      if (as[as.length - 1] !== k)
        this.refuse(`A ${fmt(as)} and B ${fmt(bs)} do not multiply (K ${as[as.length - 1]} against ${k})`);
      const facts = this.weightFacts(b, transB ? { outer: out, reduce: k, inner: 1 } : { outer: 1, reduce: k, inner: out });
      const hasBias = n.opType === 'Gemm' && c !== undefined && c !== '';
      this.emit({ type: 'dense', input: this.source(a), outFeatures: out, ...(hasBias ? {} : { bias: false }), ...facts }, [
        ...as.slice(0, -1),
        out,
      ]);
      return;
    }
    if (this.isConst(b) || this.isConst(a)) return this.unsupportedOp(`${n.opType} (constant operand of rank ${bs.length})`);
    const outShape = [...as.slice(0, -1), transB ? bs[bs.length - 2] : bs[bs.length - 1]];
    this.emit({ type: 'matmul', inputs: [this.source(a), this.source(b)], ...(transB ? { transposeB: true } : {}) }, outShape);
  }

  private activation(n: OnnxNode): void {
    const [x] = n.inputs;
    if (this.soleProducer(x)) return this.passThrough(x, n.outputs[0]);
    this.emit({ type: 'activation', input: this.source(x), function: ACTIVATIONS[n.opType] }, this.shapeOf(x));
  }

  private elementwise(n: OnnxNode, opsPerElement: number): void {
    const live = n.inputs.filter((i) => i && !this.isConst(i));
    if (!live.length) return this.unsupportedOp(`${n.opType} (on constants only)`);
    const consts = n.inputs.filter((i) => i && this.isConst(i));
    const shape = broadcast(n.inputs.filter(Boolean).map((i) => this.shapeOf(i)));
    if (!shape) this.refuse(`inputs ${n.inputs.map((i) => fmt(this.shapeOf(i))).join(', ')} do not broadcast`);
    // A bias or a scale by a per-channel constant right after a convolution or product: folded.
    const producer = live.length === 1 ? this.soleProducer(live[0]) : undefined;
    const perChannel = consts.every(
      (cst) =>
        elementCount(this.consts.get(cst)!) <= (this.shapeOf(live[0])[1] ?? 1) || elementCount(this.consts.get(cst)!) === 1,
    );
    if (
      producer &&
      consts.length &&
      ['Add', 'Sub', 'Mul', 'Div'].includes(n.opType) &&
      perChannel &&
      sameShape(shape!, this.shapeOf(live[0]))
    )
      return this.passThrough(live[0], n.outputs[0]);
    if (
      live.length >= 2 &&
      consts.length === 0 &&
      (n.opType === 'Add' || n.opType === 'Mul') &&
      live.every((i) => sameShape(this.shapeOf(i), shape!))
    ) {
      this.emit({ type: n.opType === 'Add' ? 'add' : 'mul', inputs: live.map((i) => this.source(i)) }, shape!);
      return;
    }
    const liveShape = broadcast(live.map((i) => this.shapeOf(i)))!;
    if (!sameShape(liveShape, shape!))
      this.notes.add(`${n.opType} broadcasting a constant to a larger shape runs over its computed inputs' shape`);
    this.emit(
      {
        type: 'elementwise',
        op: n.opType,
        inputs: live.map((i) => this.source(i)),
        ...(opsPerElement === 1 ? {} : { opsPerElement }),
      },
      liveShape,
    );
  }

  private pool(n: OnnxNode, type: 'maxpool' | 'avgpool', global: boolean): void {
    const [x] = n.inputs;
    const xs = this.shapeOf(x);
    if (xs.length !== 4) return this.unsupportedOp(`${n.opType} (${xs.length - 2}-D)`);
    if (global) {
      this.emit({ type, input: this.source(x), global: true }, [xs[0], xs[1], 1, 1]);
      return;
    }
    const kernel = this.attr<number[]>('kernel_shape', [1, 1]);
    const strides = this.attr<number[]>('strides', [1, 1]);
    const pads = this.attr<number[]>('pads', [0, 0, 0, 0]);
    const autoPad = this.attr<string>('auto_pad', 'NOTSET');
    const ceil = this.attr<number>('ceil_mode', 0) === 1;
    const padding = workloadPadding(autoPad, pads);
    // The shape the layer will have: picojoule's pooling rounds down whatever ceil_mode says.
    const [oh, ow] = [0, 1].map((i) => windowOut(xs[2 + i], kernel[i], strides[i], padding, i));
    if (ceil)
      this.notes.add(
        `${n.opType} with ceil_mode=1: picojoule's pooling rounds the output size down, so an edge row or column may be left out`,
      );
    this.emit({ type, input: this.source(x), kernel: pair(kernel), stride: pair(strides), padding }, [xs[0], xs[1], oh, ow]);
  }

  private concat(n: OnnxNode): void {
    const ins = n.inputs.filter(Boolean);
    const shapes = ins.map((i) => this.shapeOf(i));
    const axisGiven = this.attr<number>('axis', 1);
    const axis = axisGiven < 0 ? axisGiven + shapes[0].length : axisGiven;
    const out = shapes[0].map((d, i) => (i === axis ? shapes.reduce((t, s) => t + s[i], 0) : d));
    const live = ins.filter((i) => !this.isConst(i));
    if (live.length === 1) {
      this.emit({ type: 'view', op: 'Concat', input: this.source(live[0]), shape: out }, out);
      return;
    }
    if (live.length < ins.length) this.notes.add('Concat with constant inputs: the constants take no traffic');
    this.emit(
      { type: 'concat', inputs: live.map((i) => this.source(i)), axis: axisGiven },
      out.map((d, i) => (i === axis ? live.reduce((t, l) => t + this.shapeOf(l)[i], 0) : d)),
    );
  }

  private reshape(n: OnnxNode): void {
    const [x, second] = n.inputs;
    const xs = this.shapeOf(x);
    let out: number[];
    if (n.opType === 'Flatten') {
      const a = this.attr<number>('axis', 1);
      const axis = a < 0 ? a + xs.length : a;
      out = [product(xs.slice(0, axis)), product(xs.slice(axis))];
      if (axis === 1 && xs.length >= 2) {
        this.emit({ type: 'flatten', input: this.source(x) }, out);
        return;
      }
    } else if (n.opType === 'Reshape') {
      const target = this.valuesOf(second);
      const allowZero = this.attr<number>('allowzero', 0) === 1;
      const dims = target.map((d, i) => (d === 0 && !allowZero ? xs[i] : d));
      const known = product(dims.filter((d) => d !== -1));
      out = dims.map((d) => (d === -1 ? product(xs) / known : d));
    } else {
      const axes = (this.optionalValues(second) ?? this.attr<number[]>('axes', [])).map((a) => a);
      if (n.opType === 'Squeeze') {
        const drop = new Set(axes.map((a) => (a < 0 ? a + xs.length : a)));
        out = xs.filter((d, i) => (drop.size ? !drop.has(i) : d !== 1));
      } else {
        const rank = xs.length + axes.length;
        const add = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
        const rest = [...xs];
        out = Array.from({ length: rank }, (_, i) => (add.has(i) ? 1 : rest.shift()!));
      }
    }
    if (product(out) !== product(xs)) this.refuse(`cannot reshape ${fmt(xs)} to ${fmt(out)}`);
    this.emit({ type: 'reshape', input: this.source(x), shape: out.length ? out : [1] }, out.length ? out : [1]);
  }

  private reduce(n: OnnxNode): void {
    const [x, axesInput] = n.inputs;
    const xs = this.shapeOf(x);
    const arg = n.opType.startsWith('Arg');
    const axes = arg
      ? [this.attr<number>('axis', 0)]
      : (this.optionalValues(axesInput) ??
        this.attr<number[]>(
          'axes',
          xs.map((_, i) => i),
        ));
    const keepDims = this.attr<number>('keepdims', 1) === 1;
    const norm = axes.map((a) => (a < 0 ? a + xs.length : a));
    const out = xs.flatMap((d, i) => (norm.includes(i) ? (keepDims ? [1] : []) : [d]));
    this.emit({ type: 'reduce', op: n.opType, input: this.source(x), axes, keepDims }, out.length ? out : [1]);
  }

  private view(n: OnnxNode): void {
    const [x] = n.inputs;
    const xs = this.shapeOf(x);
    const shapes = viewShapes(
      n,
      xs,
      (t) => this.optionalValues(t),
      (name, d) => this.attr(name, d),
      this.graph.opset,
      (t) => this.shapeOf(t),
    );
    if (!shapes) return this.unsupportedOp(`${n.opType} (shape not computable)`);
    const base = this.uniqueName();
    shapes.forEach((shape, k) =>
      this.emit({ type: 'view', op: n.opType, input: this.source(x), shape }, shape, k, k === 0 ? base : `${base}:${k}`),
    );
  }

  /** Evaluates an operator on constants (shape arithmetic); false when it cannot, and it is then converted as work. */
  private fold(n: OnnxNode): boolean {
    const value = foldConstants(
      n,
      (t) => this.consts.get(t),
      (name, d) => n.attributes.get(name) ?? d,
    );
    if (!value) return false;
    n.outputs.forEach((o) => this.consts.set(o, value));
    return true;
  }

  private foldShape(n: OnnxNode): void {
    const s = this.shapeOf(n.inputs[0]);
    const values =
      n.opType === 'Size'
        ? [product(s)]
        : sliceRange(s, this.attr<number>('start', 0), this.attr<number | undefined>('end', undefined));
    this.consts.set(n.outputs[0], { dims: n.opType === 'Size' ? [] : [values.length], type: 'int64', values });
  }
}

const pair = (v: readonly number[]): number | [number, number] => (v[0] === v[1] ? v[0] : [v[0], v[1]]);

/** ONNX's auto_pad, or its pads [top, left, bottom, right], as a workload padding ([top, bottom, left, right]). */
function workloadPadding(autoPad: string, pads: readonly number[]): number[] | 'same' | 'valid' {
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return 'same';
  return autoPad === 'VALID' ? 'valid' : [pads[0], pads[2], pads[1], pads[3]];
}

/** A window's output size on one axis (0 height, 1 width), rounded down as the workload's layers compute it. */
function windowOut(inSize: number, kernel: number, stride: number, padding: number[] | 'same' | 'valid', axis: number): number {
  if (padding === 'same') return Math.ceil(inSize / stride);
  const total = padding === 'valid' ? 0 : axis === 0 ? padding[0] + padding[1] : padding[2] + padding[3];
  return Math.floor((inSize + total - kernel) / stride) + 1;
}
const product = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);
const fmt = (s: Shape) => `[${s.join(', ')}]`;
const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
function sliceRange(s: Shape, start: number, end: number | undefined): number[] {
  const r = s.length;
  const clamp = (v: number) => Math.min(r, Math.max(0, v < 0 ? v + r : v));
  return s.slice(clamp(start), end === undefined ? r : clamp(end));
}

/** NumPy broadcasting of shapes (the workload's own rule); undefined when they do not broadcast. */
function broadcast(shapes: readonly Shape[]): number[] | undefined {
  const b = broadcastShapes(shapes);
  return 'shape' in b ? b.shape : undefined;
}

/** A small constant's values as numbers (shapes, indices, scales). */
export function constValues(c: ConstTensor, cannot: () => never): number[] {
  if (c.values) return [...c.values];
  const b = c.bytes ?? new Uint8Array();
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = elementCount(c);
  const read: Partial<Record<string, (i: number) => number>> = {
    int64: (i) => Number(v.getBigInt64(8 * i, true)),
    int32: (i) => v.getInt32(4 * i, true),
    float32: (i) => v.getFloat32(4 * i, true),
    float64: (i) => v.getFloat64(8 * i, true),
    int8: (i) => v.getInt8(i),
    uint8: (i) => v.getUint8(i),
    bool: (i) => v.getUint8(i),
  };
  const f = read[c.type];
  if (!f || n > 1_000_000) return cannot();
  return Array.from({ length: n }, (_, i) => f(i));
}

/** Shape arithmetic on constants: the result, or undefined when the operator is not one of these. */
function foldConstants(
  n: OnnxNode,
  get: (t: string) => ConstTensor | undefined,
  attr: (name: string, d: AttributeValue) => AttributeValue,
): ConstTensor | undefined {
  const ins = n.inputs.map((t) => (t ? get(t) : undefined));
  const no = (): never => {
    throw new Error('not foldable');
  };
  try {
    const vals = ins.map((c) => (c ? constValues(c, no) : undefined));
    const [a, b] = vals;
    const int = (values: number[], dims: readonly number[] = [values.length]): ConstTensor => ({ dims, type: 'int64', values });
    const elementwise = (f: (x: number, y: number) => number) => {
      if (!a || !b) return undefined;
      const len = Math.max(a.length, b.length);
      const dims = a.length >= b.length ? ins[0]!.dims : ins[1]!.dims;
      return {
        dims,
        type: ins[0]!.type,
        values: Array.from({ length: len }, (_, i) => f(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i])),
      } as ConstTensor;
    };
    switch (n.opType) {
      case 'Identity':
      case 'Cast':
        return ins[0] && { ...ins[0], values: a, bytes: undefined, type: n.opType === 'Cast' ? 'int64' : ins[0].type };
      case 'Reshape': {
        const target = b!;
        const known = product(target.filter((d) => d > 0));
        return {
          dims: target.map((d, i) => (d === 0 ? ins[0]!.dims[i] : d === -1 ? a!.length / known : d)),
          type: ins[0]!.type,
          values: a,
        };
      }
      case 'Unsqueeze':
      case 'Squeeze':
        return {
          dims: n.opType === 'Unsqueeze' ? [a!.length] : a!.length === 1 ? [] : [a!.length],
          type: ins[0]!.type,
          values: a,
        };
      case 'Concat':
        return int(vals.flatMap((v) => v ?? []));
      case 'Gather': {
        const idx = b!.map((i) => (i < 0 ? i + a!.length : i));
        if ((attr('axis', 0) as number) !== 0 || ins[0]!.dims.length > 1) return undefined;
        return int(
          idx.map((i) => a![i]),
          ins[1]!.dims,
        );
      }
      case 'Slice': {
        const [, , starts, ends, , steps] = vals;
        const start = (starts ?? (attr('starts', [0]) as number[]))[0];
        const end = (ends ?? (attr('ends', [a!.length]) as number[]))[0];
        const step = steps?.[0] ?? 1;
        const len = a!.length;
        const norm = (v: number) => Math.min(len, Math.max(0, v < 0 ? v + len : v));
        const out: number[] = [];
        for (let i = norm(start); step > 0 ? i < norm(end) : i > norm(end); i += step) out.push(a![i]);
        return int(out);
      }
      case 'Add':
        return elementwise((x, y) => x + y);
      case 'Sub':
        return elementwise((x, y) => x - y);
      case 'Mul':
        return elementwise((x, y) => x * y);
      case 'Div':
        return elementwise((x, y) => (ins[0]!.type.startsWith('float') ? x / y : Math.trunc(x / y)));
      case 'Max':
        return elementwise(Math.max);
      case 'Min':
        return elementwise(Math.min);
      case 'Equal':
        return elementwise((x, y) => (x === y ? 1 : 0));
      case 'Neg':
        return { ...ins[0]!, bytes: undefined, values: a!.map((x) => -x) };
      case 'Floor':
      case 'Ceil':
      case 'Sqrt':
        return {
          ...ins[0]!,
          bytes: undefined,
          values: a!.map(n.opType === 'Floor' ? Math.floor : n.opType === 'Ceil' ? Math.ceil : Math.sqrt),
        };
      case 'Where': {
        const [cond, x, y] = vals;
        if (!cond || !x || !y) return undefined;
        return int(cond.map((c, i) => (c ? x[x.length === 1 ? 0 : i] : y[y.length === 1 ? 0 : i])));
      }
      case 'ConstantOfShape': {
        const value = attr('value', undefined) as ConstTensor | undefined;
        const fill = value ? constValues(value, no)[0] : 0;
        if (product(a!) > 1_000_000) return undefined;
        return { dims: a!, type: value?.type ?? 'float32', values: Array.from({ length: product(a!) }, () => fill) };
      }
      case 'Range': {
        const [start, limit, delta] = vals.map((v) => v![0]);
        const out: number[] = [];
        for (let v = start; delta > 0 ? v < limit : v > limit; v += delta) if (out.push(v) > 1_000_000) return undefined;
        return int(out);
      }
      case 'Shape':
        return int([...ins[0]!.dims]);
      case 'Size':
        return int([product(ins[0]!.dims)], []);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** Output shapes of the data-movement operators (Split has several). */
function viewShapes(
  n: OnnxNode,
  xs: Shape,
  values: (t: string | undefined) => number[] | undefined,
  attr: <T extends AttributeValue>(name: string, d: T) => T,
  opset: number,
  shapeOf: (t: string) => Shape,
): number[][] | undefined {
  const axisOf = (a: number) => (a < 0 ? a + xs.length : a);
  const [, i1, i2, i3, i4] = n.inputs;
  switch (n.opType) {
    case 'Slice': {
      const starts = opset >= 10 ? values(i1) : attr<number[]>('starts', []);
      const ends = opset >= 10 ? values(i2) : attr<number[]>('ends', []);
      const axes = (opset >= 10 ? values(i3) : attr<number[] | undefined>('axes', undefined)) ?? starts?.map((_, i) => i);
      const steps = (opset >= 10 ? values(i4) : undefined) ?? axes?.map(() => 1);
      if (!starts || !ends || !axes || !steps) return undefined;
      const out = [...xs];
      axes.forEach((a, k) => {
        const ax = axisOf(a);
        const dim = xs[ax];
        const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
        const step = steps[k];
        const norm = (v: number) => (v < 0 ? v + dim : v);
        const s = step > 0 ? clamp(norm(starts[k]), 0, dim) : clamp(norm(starts[k]), -1, dim - 1);
        const e = step > 0 ? clamp(norm(ends[k]), 0, dim) : clamp(norm(ends[k]), -1, dim - 1);
        out[ax] = Math.max(0, Math.ceil((e - s) / step));
      });
      return [out];
    }
    case 'Gather': {
      const axis = axisOf(attr<number>('axis', 0));
      const idx = shapeOf(i1);
      return [[...xs.slice(0, axis), ...idx, ...xs.slice(axis + 1)]];
    }
    case 'Split': {
      const axis = axisOf(attr<number>('axis', 0));
      const given = values(i1) ?? attr<number[] | undefined>('split', undefined);
      const count = n.outputs.length;
      const parts =
        given ??
        Array.from(
          { length: count },
          (_, k) => Math.ceil(xs[axis] / count) - (k === count - 1 ? count * Math.ceil(xs[axis] / count) - xs[axis] : 0),
        );
      return parts.map((p) => xs.map((d, i) => (i === axis ? p : d)));
    }
    case 'Pad': {
      const pads = opset >= 11 ? values(i1) : attr<number[]>('pads', []);
      if (!pads) return undefined;
      const r = xs.length;
      return [xs.map((d, i) => d + (pads[i] ?? 0) + (pads[i + r] ?? 0))];
    }
    case 'Expand': {
      const to = values(i1);
      const out = to && broadcast([xs, to]);
      return out ? [out] : undefined;
    }
    case 'Tile': {
      const reps = values(i1);
      return reps ? [xs.map((d, i) => d * (reps[i] ?? 1))] : undefined;
    }
    case 'Resize':
    case 'Upsample': {
      const sizes = n.opType === 'Resize' ? values(i3) : undefined;
      if (sizes?.length) return [sizes];
      const scales =
        n.opType === 'Resize'
          ? opset >= 11
            ? values(i2)
            : values(i1)
          : (values(i1) ?? attr<number[] | undefined>('scales', undefined));
      return scales?.length ? [xs.map((d, i) => Math.floor(d * scales[i]))] : undefined;
    }
    case 'DepthToSpace':
    case 'SpaceToDepth': {
      const b = attr<number>('blocksize', 1);
      const [nn, c, h, w] = xs;
      return n.opType === 'DepthToSpace' ? [[nn, c / (b * b), h * b, w * b]] : [[nn, c * b * b, h / b, w / b]];
    }
    default:
      return undefined;
  }
}

/** Converts a decoded ONNX graph; unsupported operators are refused together, by name and count. */
export function onnxToWorkload(graph: OnnxGraph, file: string, options: OnnxImportOptions): OnnxImport {
  const c = new Converter(graph, file, options);
  const inputs = c.inputs();
  c.run();
  if (c.unsupported.size && !options.allowUnsupported) {
    const list = [...c.unsupported].map(([op, k]) => `${op} ×${k}`).join(', ');
    fail(
      file,
      undefined,
      `operators the importer does not support: ${list}; \`picojoule import onnx --allow-unsupported\` writes a workload that runs them as zero-MAC vector work`,
    );
  }
  if (c.unsupported.size)
    c.notes.add(
      `ran as zero-MAC vector work (--allow-unsupported): ${[...c.unsupported].map(([op, k]) => `${op} ×${k}`).join(', ')} (${share(c.unsupported, c.layers.length)})`,
    );
  if (!c.layers.length) fail(file, undefined, 'the model has no operators that do work');
  const workload: WorkloadSpec = {
    version: 1,
    name: options.name,
    description: `Imported from ${file.split('/').pop()} (ONNX opset ${graph.opset}${graph.producer ? `, ${graph.producer}` : ''}${graph.graphName ? `, graph "${graph.graphName}"` : ''})`,
    source: `ONNX model ${file.split('/').pop()}; layer names are the model's node names`,
    inputs,
    layers: c.layers,
  };
  return { workload, notes: [...c.notes] };
}
