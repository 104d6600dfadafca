/**
 * Arm's public performance model of the Ethos-U55 microNPU, as its compiler Vela estimates it
 * (ethos-u-vela, Apache-2.0: `architecture_features.py` for the configurations,
 * `architecture_allocator.py` for the SHRAM block search, `npu_performance.py` for the cycle
 * counts). Written from those files' formulas, not their code. Per operation: choose the output
 * block that fits the shared buffer (SHRAM) and fetches least, count the DPU's cycles per block
 * in micro-blocks, the output stage's cycles per element, and pipeline the two.
 */

/** One MAC configuration of the NPU (Vela's `accelerator_configs`). */
export interface EthosUConfig {
  readonly macs: number;
  /** Output micro-block: the outputs computed together, each an 8-wide dot product per cycle. */
  readonly ublock: { readonly w: number; readonly h: number; readonly c: number };
  /** SHRAM banks of 1 KiB. */
  readonly shramBanks: number;
  /** Bank granules: IFM 8-bit, IFM 16-bit, elementwise IFM 8/16-bit, IFM 32-bit, accumulators 16/32/40-bit. */
  readonly granules: {
    readonly ifm8: number;
    readonly ifm16: number;
    readonly ifm8Ew: number;
    readonly ifm16Ew: number;
    readonly acc32: number;
    readonly acc40: number;
  };
  /** Output-stage cycles per element by operation (see OutputOp). */
  readonly output: Readonly<Record<OutputOp, number>>;
  /** Activation cycles per element: LUT functions (sigmoid, tanh), ReLU family, none. */
  readonly activation: { readonly lut: number; readonly relu: number; readonly none: number };
}

/** The output stage's operation classes, in Vela's table order. */
export type OutputOp = 'unary32' | 'binary32' | 'mul32' | 'mulOrAcc40' | 'addSimple' | 'addAdvanced' | 'maxPool' | 'default';

const outputs = (v: readonly number[]): Record<OutputOp, number> => ({
  unary32: v[0],
  binary32: v[1],
  mul32: v[2],
  mulOrAcc40: v[3],
  addSimple: v[4],
  addAdvanced: v[5],
  maxPool: v[6],
  default: v[7],
});

/** The four Ethos-U55 configurations (Vela `architecture_features.py`, `_generate_output_perf_tables`). */
export const ETHOS_U55: Readonly<Record<number, EthosUConfig>> = {
  32: {
    macs: 32,
    ublock: { w: 1, h: 1, c: 4 },
    shramBanks: 16,
    granules: { ifm8: 2, ifm16: 2, ifm8Ew: 2, ifm16Ew: 2, acc32: 4, acc40: 4 },
    output: outputs([2.0, 3.0, 3.0, 3.0, 4.0, 6.0, 1.0, 2.0]),
    activation: { lut: 1.0, relu: 1.0, none: 0 },
  },
  64: {
    macs: 64,
    ublock: { w: 1, h: 1, c: 8 },
    shramBanks: 16,
    granules: { ifm8: 2, ifm16: 2, ifm8Ew: 2, ifm16Ew: 2, acc32: 4, acc40: 8 },
    output: outputs([1.0, 1.5, 1.5, 1.5, 2.0, 3.0, 0.5, 1.0]),
    activation: { lut: 1.0, relu: 1.0, none: 0 },
  },
  128: {
    macs: 128,
    ublock: { w: 2, h: 1, c: 8 },
    shramBanks: 24,
    granules: { ifm8: 4, ifm16: 4, ifm8Ew: 4, ifm16Ew: 4, acc32: 8, acc40: 12 },
    output: outputs([0.75, 1.25, 0.75, 0.75, 1.0, 1.5, 0.25, 0.5]),
    activation: { lut: 1.0, relu: 0.5, none: 0 },
  },
  256: {
    macs: 256,
    ublock: { w: 2, h: 2, c: 8 },
    shramBanks: 48,
    granules: { ifm8: 8, ifm16: 8, ifm8Ew: 8, ifm16Ew: 8, acc32: 16, acc40: 20 },
    output: outputs([0.625, 1.125, 0.5, 0.375, 0.5, 0.75, 0.125, 0.25]),
    activation: { lut: 1.0, relu: 0.25, none: 0 },
  },
};

/** Height, width, depth. */
export interface Hwc {
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

/** One NPU operation as the model sees it. */
export interface NpuOp {
  readonly type: 'conv' | 'depthwise' | 'vector-product' | 'pooling' | 'elementwise';
  readonly ifm: Hwc;
  readonly ofm: Hwc;
  readonly kernel: { readonly h: number; readonly w: number; readonly strideH: number; readonly strideW: number };
  /** 8 or 16. */
  readonly ifmBits: number;
  readonly outputOp: OutputOp;
  readonly activation: 'lut' | 'relu' | 'none';
  /** The operation has a bias/scale tensor to fetch per output channel (convolutions, fully connected). */
  readonly hasBias: boolean;
}

/** The memory figures the per-command floor needs, in cycles and bytes per cycle. */
export interface NpuMemory {
  readonly fmReadLatency: number;
  readonly fmWriteLatency: number;
  readonly fmBytesPerCycle: number;
  readonly constReadLatency: number;
}

/** The output block and the IFM block that feeds it, and the kernel method. */
export interface BlockConfig {
  readonly ofm: Hwc;
  readonly ifm: Hwc;
  readonly partKernel: boolean;
  readonly accBits: 32 | 40;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;
const divUp = (x: number, q: number): number => Math.ceil(x / q);
const SUB_KERNEL = 8;
const OFM_BLOCK_MAX: Hwc = { h: 32, w: 64, c: 128 };
const SPLIT_DEPTH = 16;
const BANK_BYTES = 1024;
const RESERVED_OUTPUT_BANKS = 2;
const IFM_UBLOCK_DEPTH = 8;

const equalDepth = (t: NpuOp['type']) => t === 'depthwise' || t === 'pooling' || t === 'elementwise';

/** Part-kernel-first (input channels ≤ 8, or better utilised than depth-first) for convolutions. */
function partKernel(op: NpuOp): boolean {
  if (op.type !== 'conv' && op.type !== 'depthwise') return false;
  if (op.ifm.c <= 8) return true;
  const elems = op.kernel.h * op.kernel.w;
  const depthUse = op.ifm.c / roundUp(op.ifm.c, op.ifmBits === 8 ? 32 : 16);
  const partUse = (op.ifm.c * elems) / (roundUp(op.ifm.c, 8) * roundUp(elems, op.ifmBits === 8 ? 4 : 2));
  return partUse > depthUse;
}

/** Depth of the IFM block the DPU consumes per pass. */
function ifmBlockDepth(op: NpuOp, part: boolean): number {
  if (op.ifmBits === 16) return roundUp(Math.min(op.ifm.c, 16), 4);
  return roundUp(Math.min(op.ifm.c, part ? 16 : 32), IFM_UBLOCK_DEPTH);
}

/** Whether an OFM block and its IFM block fit the SHRAM: IFM and accumulators each double-buffered. */
function fits(cfg: EthosUConfig, op: NpuOp, ofm: Hwc, ifm: Hwc, accBits: number): boolean {
  const lutBanks = Math.max(op.activation === 'lut' ? 2 : 0, cfg.shramBanks > 16 ? 2 : 0);
  const ew = op.type === 'elementwise';
  const g = cfg.granules;
  const ifmGranule = ew ? (op.ifmBits === 16 ? g.ifm16Ew : g.ifm8Ew) : op.ifmBits === 16 ? g.ifm16 : g.ifm8;
  const ifmBytes = ifm.w * ifm.h * roundUp((ifm.c * op.ifmBits) / 8, 8);
  const ifmBanks = roundUp(divUp(ifmBytes, BANK_BYTES) * 2, ifmGranule);
  const lutStart = cfg.shramBanks - lutBanks;
  const ifmEnd = RESERVED_OUTPUT_BANKS + ifmBanks;
  if (ew) return ifmEnd + ifmBanks <= lutStart; // a second IFM, no accumulators
  const accBytes = (ofm.w * ofm.h * roundUp(ofm.c, 8) * accBits) / 8;
  const accBanks = roundUp(divUp(accBytes, BANK_BYTES) * 2, accBits === 40 ? g.acc40 : g.acc32);
  return ifmEnd <= lutStart - accBanks;
}

/** The IFM block an OFM block needs (at most one sub-kernel of the kernel). */
function ifmBlockFor(cfg: EthosUConfig, op: NpuOp, ofm: Hwc, depth: number): Hwc {
  const need = (out: number, stride: number, k: number) => (out - 1) * stride + Math.min(k, SUB_KERNEL);
  return {
    h: roundUp(need(ofm.h, op.kernel.strideH, op.kernel.h), cfg.ublock.h),
    w: roundUp(need(ofm.w, op.kernel.strideW, op.kernel.w), cfg.ublock.w),
    c: depth,
  };
}

/**
 * The OFM block Vela would choose: over every block of whole micro-blocks up to 64×32×128 that
 * fits the SHRAM, the one that fetches the fewest IFM and weight elements per output element
 * (halved when both IFM buffers hold the whole IFM; ties go to the later, smaller-coverage
 * block of at most 4×4). Undefined when nothing fits.
 */
export function findBlockConfig(cfg: EthosUConfig, op: NpuOp): BlockConfig | undefined {
  const part = partKernel(op);
  const accBits: 32 | 40 = op.ifmBits === 16 && op.type !== 'pooling' && op.type !== 'elementwise' ? 40 : 32;
  const u = cfg.ublock;
  const space: Hwc = {
    h: roundUp(Math.min(op.ofm.h, OFM_BLOCK_MAX.h), u.h),
    w: roundUp(Math.min(op.ofm.w, OFM_BLOCK_MAX.w), u.w),
    c: roundUp(Math.min(op.ofm.c, OFM_BLOCK_MAX.c), u.c),
  };
  const kernelArea = op.kernel.h * op.kernel.w;
  const repeats = divUp(op.kernel.w, SUB_KERNEL) * divUp(op.kernel.h, SUB_KERNEL);
  const weightWh = op.type === 'conv' || op.type === 'depthwise' ? kernelArea : 0;
  const ifmDepth = ifmBlockDepth(op, part);
  let best: BlockConfig | undefined;
  let bestCost = Infinity;
  let bestCoverage = Infinity;
  let depth = Math.max(u.c, Math.min(space.c, SPLIT_DEPTH));
  if (depth < op.ofm.c) depth = roundUp(depth, SPLIT_DEPTH);
  while (depth <= space.c) {
    // Keyed (a, b) → a * 4096 + b, as Vela keys it: it records (w, h) and looks up (h, w).
    const wontFit = new Set<number>();
    for (let h = u.h; h <= space.h; h += u.h) {
      for (let w = u.w; w <= space.w; w += u.w) {
        if (wontFit.has(h * 4096 + w)) continue;
        let ofm: Hwc = { h, w, c: depth };
        const ifm0 = ifmBlockFor(cfg, op, ofm, depth);
        const ifm = equalDepth(op.type) ? ifm0 : { ...ifm0, c: ifmDepth };
        // The 1-D optimisation of 2-high micro-blocks: a 1-high OFM uses a 1-high block.
        if (op.ofm.h === 1 && op.kernel.h === 1 && u.h === 2) ofm = { ...ofm, h: Math.min(h, op.ofm.h) };
        if (!fits(cfg, op, ofm, ifm, accBits)) {
          wontFit.add(w * 4096 + h);
          break;
        }
        const full = { h: divUp(op.ofm.h, ofm.h), w: divUp(op.ofm.w, ofm.w), c: divUp(op.ofm.c, ofm.c) };
        const frac = { h: op.ofm.h / ofm.h, w: op.ofm.w / ofm.w, c: op.ofm.c / ofm.c };
        let weightFetch = weightWh * op.ifm.c * full.h * full.w;
        if (op.type !== 'depthwise') weightFetch *= ofm.c * frac.c;
        let ifmFetch = ifm.h * ifm.w * op.ifm.c * repeats * frac.h * frac.w;
        if (!equalDepth(op.type)) ifmFetch *= full.c;
        let cost = (ifmFetch + weightFetch) / (op.ofm.h * op.ofm.w * op.ofm.c);
        if (op.ifm.h * op.ifm.w * op.ifm.c < ifm.h * ifm.w * ifm.c * 2) cost /= 2;
        if (cost <= bestCost) {
          let take = cost < bestCost;
          if (!take) {
            const coverage = (op.ifm.h * op.ifm.w) / (Math.min(op.ifm.h, ifm.h) * Math.min(op.ifm.w, ifm.w));
            if (coverage <= bestCoverage && h <= 4 && w <= 4) {
              bestCoverage = coverage;
              take = true;
            }
          } else bestCoverage = Infinity;
          if (take) {
            bestCost = cost;
            best = { ofm: { h, w, c: depth }, ifm, partKernel: part, accBits };
          }
        }
      }
    }
    depth += u.c;
    if (depth < op.ofm.c) depth = roundUp(depth, SPLIT_DEPTH);
  }
  return best;
}

/** Output-stage cycles per element: the slower of the operation's and its activation's. */
export function outputCyclesPerElement(cfg: EthosUConfig, op: NpuOp): number {
  const out =
    op.ifmBits === 16 && op.type !== 'elementwise' && op.type !== 'pooling' ? cfg.output.mulOrAcc40 : cfg.output[op.outputOp];
  return Math.max(out, cfg.activation[op.activation]);
}

/** Sub-kernels of at most 8×8 the kernel splits into, as their element counts. */
function subKernels(k: NpuOp['kernel']): number[] {
  const sizes = (n: number) => Array.from({ length: divUp(n, SUB_KERNEL) }, (_, i) => Math.min(n - i * SUB_KERNEL, SUB_KERNEL));
  return sizes(k.h).flatMap((y) => sizes(k.w).map((x) => x * y));
}

/** Minimum time of one command: the IFM and OFM block transfers and the two stages, three in flight. */
function commandFloor(op: NpuOp, block: BlockConfig, mem: NpuMemory, dpu: number, out: number): number {
  const bytes = (b: Hwc, bits: number) => (b.h * b.w * b.c * bits) / 8;
  const ifm = mem.fmReadLatency + bytes(minHwc(op.ifm, block.ifm), op.ifmBits) / mem.fmBytesPerCycle;
  const ofm = mem.fmWriteLatency + bytes(minHwc(op.ofm, block.ofm), 8) / mem.fmBytesPerCycle;
  return (ifm + ofm + out + dpu) / 4;
}

const minHwc = (a: Hwc, b: Hwc): Hwc => ({ h: Math.min(a.h, b.h), w: Math.min(a.w, b.w), c: Math.min(a.c, b.c) });

/**
 * NPU cycles of one operation: per OFM block the DPU's micro-block cycles (each kernel element,
 * or four of a depthwise kernel, costs at least the 32-cycle weight-buffer refill per depth
 * micro-block, and 4 cycles per spatial micro-block) and the output stage's per-element cycles,
 * both at least a quarter of one command's transfers; then blocks pipeline: the slower stage
 * times the block count, plus one block of the faster.
 */
export function npuCycles(cfg: EthosUConfig, op: NpuOp, mem: NpuMemory): number {
  // The block search dominates; sweeps and repeated shapes ask for the same operation again.
  const key = `${cfg.macs}|${mem.fmReadLatency}|${mem.fmWriteLatency}|${mem.fmBytesPerCycle}|${mem.constReadLatency}|${JSON.stringify(op)}`;
  let cycles = memo.get(key);
  if (cycles === undefined) {
    if (memo.size > 100_000) memo.clear();
    memo.set(key, (cycles = op.type === 'elementwise' ? elementwiseCycles(cfg, op, mem) : convCycles(cfg, op, mem)));
  }
  return cycles;
}

const memo = new Map<string, number>();

function convCycles(cfg: EthosUConfig, op: NpuOp, mem: NpuMemory): number {
  const block = findBlockConfig(cfg, op);
  if (!block) return Math.ceil(outputCyclesPerElement(cfg, op) * op.ofm.h * op.ofm.w * op.ofm.c);
  let ofmBlock = minHwc(op.ofm, block.ofm);
  const ifmBlock = minHwc(op.ifm, block.ifm);
  let u = cfg.ublock;
  // 2-high micro-blocks run a 1-high, even-width, 1-high-kernel OFM as 4-wide ones.
  if (u.h === 2 && op.type !== 'pooling' && op.ofm.h === 1 && op.ofm.w % 2 === 0 && op.kernel.h === 1) {
    u = { w: 4, h: 1, c: u.c };
    ofmBlock = { ...ofmBlock, h: 1 };
  }
  const nx = divUp(ofmBlock.w, u.w);
  const ny = divUp(ofmBlock.h, u.h);
  const nxy = nx * ny;
  const nz = divUp(ofmBlock.c, u.c);
  const acc40 = block.accBits === 40;
  const wb = (32 * u.c) / 8;
  let dpu = 0;
  for (const elems of subKernels(op.kernel)) {
    let steps: number;
    let cycles: number;
    if (op.type === 'pooling') {
      steps = 1;
      cycles = Math.max(4, elems) * nxy * nz * (op.ifmBits === 16 && cfg.macs !== 32 ? 2 : 1);
    } else if (op.type === 'depthwise') {
      steps = divUp(elems, 4);
      cycles = Math.max(wb, 4 * nxy * (op.ifmBits === 16 ? 2 : 1)) * steps * nz;
    } else if (op.type === 'vector-product' || !block.partKernel) {
      steps = elems;
      cycles = Math.max(wb, 4 * nxy) * steps * nz;
    } else {
      steps = divUp(elems, op.ifmBits === 16 ? 2 : 4);
      cycles = Math.max(wb, 4 * nxy) * steps * divUp(ifmBlock.c, 8) * nz;
    }
    dpu +=
      cycles + pipelineDelay(cfg, acc40, nx, ny, nz, steps) * (op.type === 'conv' && block.partKernel ? divUp(ifmBlock.c, 8) : 1);
  }
  if (op.type === 'conv' || op.type === 'vector-product') dpu *= divUp(op.ifm.c, ifmBlock.c);
  const blocks = divUp(op.ofm.h, ofmBlock.h) * divUp(op.ofm.w, ofmBlock.w) * divUp(op.ofm.c, ofmBlock.c);
  let out = Math.ceil(outputCyclesPerElement(cfg, op) * ofmBlock.h * ofmBlock.w * ofmBlock.c);
  if (op.hasBias) out = Math.max(out, (10 * ofmBlock.c * mem.constReadLatency) / 256);
  const floor = commandFloor(op, block, mem, dpu, out);
  dpu = Math.max(dpu, floor);
  out = Math.max(out, floor);
  return Math.round(dpu > out ? dpu * blocks + out : out * blocks + dpu);
}

/** Cycles the DPU pipeline stalls when a block has a single spatial micro-block. */
function pipelineDelay(cfg: EthosUConfig, acc40: boolean, nx: number, ny: number, nz: number, steps: number): number {
  const single = nx === 1 && ny === 1;
  if (cfg.macs === 32) {
    const delay = acc40 ? 7 : 3;
    let d = 0;
    if (single) d = nz === 1 ? delay * steps : steps > 1 ? delay * (steps - 1) * nz : 0;
    if ((nx === 1 || ny === 1) && nz > 1 && acc40) d += delay * nz;
    return d;
  }
  const delay = acc40 && (cfg.macs === 64 || cfg.macs === 128) ? 3 : 2;
  if (!single) return 0;
  return nz === 1 ? delay * steps : steps > 1 ? delay * (steps - 1) * nz : 0;
}

/** Element-wise operations: the output stage's cycles per element over the whole OFM, at least a quarter of each command. */
function elementwiseCycles(cfg: EthosUConfig, op: NpuOp, mem: NpuMemory): number {
  let perElement = outputCyclesPerElement(cfg, op);
  const block = findBlockConfig(cfg, op);
  if (block) {
    const n = block.ofm.h * block.ofm.w * block.ofm.c;
    perElement = Math.max(perElement, commandFloor(op, block, mem, 0, perElement * n) / n);
  }
  return Math.ceil(perElement * op.ofm.h * op.ofm.w * op.ofm.c);
}
