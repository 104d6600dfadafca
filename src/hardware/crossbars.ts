import type { Gemm } from '../workload/lower-layer.js';

/** In-memory-compute crossbars, in plain numbers (times in seconds). */
export interface ImcTile {
  readonly name: string;
  readonly kind: 'imc-tile';
  readonly technology: 'sram' | 'reram' | 'pcm';
  readonly rows: number;
  readonly cols: number;
  readonly crossbars: number;
  readonly bitsPerCell: number;
  readonly dacBits: number;
  readonly adcBits: number;
  readonly columnsPerAdc: number;
  readonly adcConversionSeconds: number;
  readonly programSecondsPerRow: number;
  readonly endurance?: string;
}

/** How one GEMM's weights occupy crossbars. */
export interface CrossbarMapping {
  /** Columns one weight spans: ceil(weight bits ÷ bits per cell). */
  readonly slices: number;
  /** Independent GEMM instances placed side by side (block-diagonally) in one crossbar. */
  readonly groupsPerCrossbar: number;
  /** Crossbars along the reduction (k) and along the outputs (n × slices) of one placed block. */
  readonly rowTiles: number;
  readonly colTiles: number;
  /** Crossbars one copy of the layer's weights needs. */
  readonly crossbars: number;
  /** Rows and columns in use in a full crossbar of this layer (for ADC and cell counts). */
  readonly rowsUsed: number;
  readonly colsUsed: number;
}

/**
 * Lays a GEMM's k×n weights (per instance) onto crossbars: each weight spans `slices` columns
 * (bit slicing); k is split over row tiles, n·slices over column tiles. Small instances (a
 * depthwise channel's 9 taps) are packed block-diagonally, several per crossbar.
 */
export function mapOnCrossbars(imc: ImcTile, g: Gemm, weightBits: number): CrossbarMapping {
  const slices = Math.ceil(weightBits / imc.bitsPerCell);
  const width = g.n * slices;
  const groupsPerCrossbar =
    g.instances > 1 ? Math.max(1, Math.min(Math.floor(imc.rows / g.k), Math.floor(imc.cols / width), g.instances)) : 1;
  const rowTiles = Math.ceil((g.k * groupsPerCrossbar) / imc.rows);
  const colTiles = Math.ceil((width * groupsPerCrossbar) / imc.cols);
  const blocks = Math.ceil(g.instances / groupsPerCrossbar);
  return {
    slices,
    groupsPerCrossbar,
    rowTiles,
    colTiles,
    crossbars: blocks * rowTiles * colTiles,
    rowsUsed: Math.min(imc.rows, g.k * groupsPerCrossbar),
    colsUsed: Math.min(imc.cols, width * groupsPerCrossbar),
  };
}

/** Cost of one matrix-vector product on one crossbar (all its rows driven at once). */
export interface MvmCost {
  /** Input steps: ceil(input bits ÷ DAC bits). */
  readonly steps: number;
  /** ADC conversions: every used column, every step. */
  readonly conversions: number;
  /** Cycles: per step the shared ADCs sweep their columns one after another. */
  readonly cycles: number;
  /** Cells read (rows × columns in use, every step) and row drives (rows, every step). */
  readonly cellReads: number;
  readonly rowDrives: number;
}

/**
 * One MVM: `steps` input slices; in each, all used rows are driven and each ADC converts its
 * `columnsPerAdc` columns in turn, so a step takes min(columnsPerAdc, used columns) conversions.
 * Sharing an ADC among more columns saves ADCs (area, leakage) and costs time, not energy per
 * conversion.
 */
export function mvmCost(imc: ImcTile, rowsUsed: number, colsUsed: number, inputBits: number, clockHz: number): MvmCost {
  const steps = Math.ceil(inputBits / imc.dacBits);
  const sweep = Math.min(imc.columnsPerAdc, colsUsed);
  return {
    steps,
    conversions: steps * colsUsed,
    cycles: Math.max(1, Math.ceil(steps * sweep * imc.adcConversionSeconds * clockHz - 1e-9)),
    cellReads: steps * rowsUsed * colsUsed,
    rowDrives: steps * rowsUsed,
  };
}

/** ADCs in the whole tile: one per `columnsPerAdc` columns of every crossbar. */
export const adcCount = (imc: ImcTile): number => imc.crossbars * Math.ceil(imc.cols / imc.columnsPerAdc);

/**
 * Peak MACs per cycle of the tile at 8-bit weights and inputs: every crossbar completing one
 * full MVM (rows × weights per row) per MVM time.
 */
export function imcPeakMacsPerCycle(imc: ImcTile, clockHz: number, bits = 8): number {
  const slices = Math.ceil(bits / imc.bitsPerCell);
  const weightsPerRow = Math.floor(imc.cols / slices);
  const mvm = mvmCost(imc, imc.rows, weightsPerRow * slices, bits, clockHz);
  return (imc.crossbars * imc.rows * weightsPerRow) / mvm.cycles;
}
