/**
 * A TFLite model as plain data, read with the `flatbuffers` runtime and a small reader of the
 * schema's stable tables (Model, SubGraph, Tensor, Operator, OperatorCode, Buffer; field order
 * from tensorflow/lite/schema/schema.fbs). Tensor data stays a view into the file's bytes.
 */
import { createRequire } from 'node:module';
import { fail } from '../../config/user-error.js';
import type { OnnxType } from '../onnx/onnx-graph.js';

interface ByteBuffer {
  capacity(): number;
  readInt8(o: number): number;
  readUint8(o: number): number;
  readInt32(o: number): number;
  readUint32(o: number): number;
  readFloat32(o: number): number;
  __offset(table: number, field: number): number;
  __indirect(o: number): number;
  __vector(o: number): number;
  __vector_len(o: number): number;
  __string(o: number): string;
  bytes(): Uint8Array;
}
interface FlatbuffersModule {
  ByteBuffer: new (bytes: Uint8Array) => ByteBuffer;
}
let flatbuffers: FlatbuffersModule | undefined;
const runtime = () => (flatbuffers ??= createRequire(import.meta.url)('flatbuffers') as FlatbuffersModule);

/** A table of the schema: fields by their declaration index (a union takes two: its type, then its value). */
export class Table {
  constructor(
    private readonly bb: ByteBuffer,
    private readonly pos: number,
  ) {}
  private at(field: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * field);
  }
  has(field: number): boolean {
    return this.at(field) !== 0;
  }
  int(field: number, fallback = 0): number {
    const o = this.at(field);
    return o ? this.bb.readInt32(this.pos + o) : fallback;
  }
  uint(field: number, fallback = 0): number {
    const o = this.at(field);
    return o ? this.bb.readUint32(this.pos + o) : fallback;
  }
  byte(field: number, fallback = 0): number {
    const o = this.at(field);
    return o ? this.bb.readInt8(this.pos + o) : fallback;
  }
  bool(field: number): boolean {
    return this.byte(field) !== 0;
  }
  string(field: number): string {
    const o = this.at(field);
    return o ? this.bb.__string(this.pos + o) : '';
  }
  table(field: number): Table | undefined {
    const o = this.at(field);
    return o ? new Table(this.bb, this.bb.__indirect(this.pos + o)) : undefined;
  }
  tables(field: number): Table[] {
    const o = this.at(field);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from(
      { length: this.bb.__vector_len(this.pos + o) },
      (_, i) => new Table(this.bb, this.bb.__indirect(start + 4 * i)),
    );
  }
  ints(field: number): number[] {
    const o = this.at(field);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => this.bb.readInt32(start + 4 * i));
  }
  /** A [ubyte] vector as a view into the file. */
  bytes(field: number): Uint8Array | undefined {
    const o = this.at(field);
    if (!o) return undefined;
    const start = this.bb.__vector(this.pos + o);
    return this.bb.bytes().subarray(start, start + this.bb.__vector_len(this.pos + o));
  }
}

/** TensorType codes, named as the ONNX importer names element types. */
const TENSOR_TYPES: Readonly<Record<number, OnnxType>> = {
  0: 'float32',
  1: 'float16',
  2: 'int32',
  3: 'uint8',
  4: 'int64',
  6: 'bool',
  7: 'int16',
  9: 'int8',
  10: 'float64',
  12: 'uint64',
  15: 'uint32',
  16: 'uint16',
  17: 'int4',
};

/** BuiltinOperator names by code (schema.fbs), as far as GELU and a little beyond. */
const BUILTIN = (
  'ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE EMBEDDING_LOOKUP FLOOR ' +
  'FULLY_CONNECTED HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION ' +
  'LSTM MAX_POOL_2D MUL RELU RELU_N1_TO_1 RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH ' +
  'CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD UNIDIRECTIONAL_SEQUENCE_RNN GATHER ' +
  'BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE MEAN SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE ' +
  'BIDIRECTIONAL_SEQUENCE_RNN EXP TOPK_V2 SPLIT LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM ' +
  'ARG_MAX MINIMUM LESS NEG PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN TRANSPOSE_CONV SPARSE_TO_DENSE ' +
  'TILE EXPAND_DIMS EQUAL NOT_EQUAL LOG SUM SQRT RSQRT SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK ' +
  'LOGICAL_OR ONE_HOT LOGICAL_AND LOGICAL_NOT UNPACK REDUCE_MIN FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL ' +
  'FLOOR_MOD RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS SPLIT_V UNIQUE CEIL ' +
  'REVERSE_V2 ADD_N GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND ' +
  'HARD_SWISH IF WHILE NON_MAX_SUPPRESSION_V4 NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM ' +
  'BATCH_MATMUL PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM CALL_ONCE BROADCAST_TO RFFT2D CONV_3D IMAG REAL COMPLEX_ABS ' +
  'HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE REDUCE_ALL CONV_3D_TRANSPOSE VAR_HANDLE READ_VARIABLE ' +
  'ASSIGN_VARIABLE BROADCAST_ARGS RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM MULTINOMIAL GELU'
).split(' ');

export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: OnnxType | 'unknown';
  /** The constant data, for a tensor with a buffer. */
  readonly data?: Uint8Array;
  /** Stored in TFLite's sparse format (only the kept values are in `data`). */
  readonly sparse: boolean;
}

export interface TfliteOperator {
  /** The builtin operator's name, or "CUSTOM:<name>". */
  readonly op: string;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly options?: Table;
}

export interface TfliteGraph {
  readonly version: number;
  readonly description: string;
  readonly tensors: readonly TfliteTensor[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operators: readonly TfliteOperator[];
}

/** Reads a TFLite model's main subgraph; a file that is not one gets a UserError naming it. */
export function readTflite(bytes: Uint8Array, file: string): TfliteGraph {
  try {
    const bb = new (runtime().ByteBuffer)(bytes);
    if (bytes.length < 8) throw new Error('too short');
    const model = new Table(bb, bb.readInt32(0));
    const codes = model.tables(1).map((c) => {
      const code = Math.max(c.byte(0), c.int(3));
      return code === 32 ? `CUSTOM:${c.string(1)}` : (BUILTIN[code] ?? `BUILTIN_${code}`);
    });
    const buffers = model.tables(4);
    const [main] = model.tables(2);
    if (!main) throw new Error('no subgraph');
    const tensors = main.tables(0).map((t, index): TfliteTensor => {
      const data = buffers[t.uint(2)]?.bytes(0);
      return {
        index,
        name: t.string(3) || `tensor${index}`,
        shape: t.ints(0),
        type: TENSOR_TYPES[t.byte(1)] ?? 'unknown',
        ...(data && data.length ? { data } : {}),
        sparse: t.has(6),
      };
    });
    const operators = main.tables(3).map((o) => ({
      op: codes[o.uint(0)] ?? 'UNKNOWN',
      inputs: o.ints(1),
      outputs: o.ints(2),
      options: o.table(4),
    }));
    return {
      version: model.uint(0),
      description: model.string(3),
      tensors,
      inputs: main.ints(1),
      outputs: main.ints(2),
      operators,
    };
  } catch (err) {
    return fail(file, undefined, `is not a readable TFLite model (${(err as Error).message}); expected a .tflite file`);
  }
}
