import type { Gemm } from '../workload/lower-layer.js';

/** How column results leave a crossbar: analog sums through shared ADCs, or an adder in every cell. */
export type Readout = 'adc' | 'digital';

/** A macro's calibration: multipliers on the cost table's IMC entries at the nominal supply. */
export interface EnergyScale {
  readonly array: number;
  readonly adc: number;
  readonly dac: number;
  readonly periphery: number;
}

/** In-memory-compute crossbars, in plain numbers (times in seconds, voltages in volts). */
export interface ImcTile {
  readonly name: string;
  readonly kind: 'imc-tile';
  readonly technology: 'sram' | 'reram' | 'pcm';
  readonly rows: number;
  readonly cols: number;
  readonly crossbars: number;
  readonly bitsPerCell: number;
  /** The cell computes on its own capacitor (charge domain); its read is the table's capacitorRead. */
  readonly capacitorCell: boolean;
  readonly dacBits: number;
  readonly readout: Readout;
  /** 0 for a digital readout. */
  readonly adcBits: number;
  readonly columnsPerAdc: number;
  /** Columns of one weight summed in the analog domain before one conversion (1: each column converted). */
  readonly columnsPerConversion: number;
  readonly adcConversionSeconds: number;
  /** One input step of an MVM at the nominal supply, when given; else the ADCs' sweep sets it. */
  readonly stepSeconds?: number;
  readonly programSecondsPerRow: number;
  /** The widest input the input path takes (undefined: any, bit-serial). */
  readonly maxInputBits?: number;
  /** Supply the tile runs at and the one its energies and times refer to (equal when not given). */
  readonly supplyVolts: number;
  readonly nominalSupplyVolts: number;
  readonly voltageExponent: number;
  readonly delayExponent: number;
  readonly energyScale: EnergyScale;
  /** Share of cell, DAC and ADC energy at full-scale outputs that follows the data, and the average output level (0-1). */
  readonly dataShare: number;
  readonly outputLevel: number;
  readonly endurance?: string;
}

/** Energy per action relative to the nominal supply: (V ÷ Vnominal)^voltageExponent (C·V² for exponent 2). */
export const supplyEnergyFactor = (imc: ImcTile): number => (imc.supplyVolts / imc.nominalSupplyVolts) ** imc.voltageExponent;

/** Step time relative to the nominal supply: (Vnominal ÷ V)^delayExponent. */
export const supplyDelayFactor = (imc: ImcTile): number => (imc.nominalSupplyVolts / imc.supplyVolts) ** imc.delayExponent;

/**
 * Energy of the analog actions (cells, DAC, ADC) relative to full-scale outputs: the data-dependent
 * share follows the square root of the average output level (row and column switching grow with
 * the input and weight values, whose product is the output; Sinangil et al., JSSC 2021, Fig. 13a).
 */
export const dataEnergyFactor = (imc: ImcTile): number => 1 - imc.dataShare * (1 - Math.sqrt(imc.outputLevel));

/** Accumulator columns beside each weight of a digital readout: the sum of `rows` products needs ceil(log2 rows) more bits. */
export const guardColumns = (imc: ImcTile): number => (imc.readout === 'digital' ? Math.ceil(Math.log2(imc.rows)) : 0);

/** How one GEMM's weights occupy crossbars. */
export interface CrossbarMapping {
  /** Cells holding one weight's bits: ceil(weight bits ÷ bits per cell). */
  readonly slices: number;
  /** Columns one weight spans: its slices plus a digital readout's accumulator columns. */
  readonly columnsPerWeight: number;
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
  const columnsPerWeight = slices + guardColumns(imc);
  const width = g.n * columnsPerWeight;
  const groupsPerCrossbar =
    g.instances > 1 ? Math.max(1, Math.min(Math.floor(imc.rows / g.k), Math.floor(imc.cols / width), g.instances)) : 1;
  const rowTiles = Math.ceil((g.k * groupsPerCrossbar) / imc.rows);
  const colTiles = Math.ceil((width * groupsPerCrossbar) / imc.cols);
  const blocks = Math.ceil(g.instances / groupsPerCrossbar);
  return {
    slices,
    columnsPerWeight,
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
  /** ADC conversions: every used column, every step (none for a digital readout). */
  readonly conversions: number;
  /** Cycles: per step the shared ADCs sweep their columns one after another. */
  readonly cycles: number;
  /** Cells read (rows × columns in use, every step) and row drives (rows, every step). */
  readonly cellReads: number;
  readonly rowDrives: number;
}

/**
 * One MVM: `steps` input slices; in each, all used rows are driven and each ADC converts its
 * `columnsPerAdc` columns in turn, so a step takes min(columnsPerAdc, used columns) conversions
 * (or the tile's `stepSeconds`, when it states one), stretched by the supply's delay factor.
 * Sharing an ADC among more columns saves ADCs (area, leakage) and costs time, not energy per
 * conversion.
 */
export function mvmCost(imc: ImcTile, rowsUsed: number, colsUsed: number, inputBits: number, clockHz: number): MvmCost {
  const steps = Math.ceil(inputBits / imc.dacBits);
  const perStep = Math.ceil(Math.min(imc.columnsPerAdc, colsUsed) / imc.columnsPerConversion);
  const step = imc.stepSeconds ?? perStep * imc.adcConversionSeconds;
  return {
    steps,
    conversions: imc.readout === 'adc' ? steps * Math.ceil(colsUsed / imc.columnsPerConversion) : 0,
    cycles: Math.max(1, Math.ceil(steps * step * supplyDelayFactor(imc) * clockHz - 1e-9)),
    cellReads: steps * rowsUsed * colsUsed,
    rowDrives: steps * rowsUsed,
  };
}

/** Crossbar actions of a GEMM's MVMs, priced later from the cost table (the keys are the action names). */
export interface MvmActions {
  readonly cellReads: number;
  readonly adcConversions: number;
  /** Row drives: every row, once per input step, whatever the DAC's resolution. */
  readonly rowDrives: number;
  /** Digital shift-and-add of each column result into its output. */
  readonly shiftAdds: number;
}

/**
 * The actions of `vectors` input vectors through a GEMM laid on crossbars: every step reads every
 * weight cell (with a digital readout's accumulator cells), converts every column result (none
 * when the readout is digital), drives every row once through its DAC (a b-bit voltage DAC moves
 * a row's charge once, as a 1-bit driver does) and shifts-and-adds every column result.
 */
export function gemmMvmActions(imc: ImcTile, g: Gemm, map: CrossbarMapping, steps: number, vectors: number): MvmActions {
  // Column results per weight: its columns, or fewer where the analog domain sums them first.
  const results = g.n * Math.ceil(map.columnsPerWeight / imc.columnsPerConversion) * g.instances * map.rowTiles;
  const rowsDriven = g.k * g.instances * map.colTiles;
  return {
    cellReads: vectors * steps * g.k * g.n * map.columnsPerWeight * g.instances,
    adcConversions: imc.readout === 'adc' ? vectors * steps * results : 0,
    rowDrives: vectors * steps * rowsDriven,
    shiftAdds: vectors * steps * results,
  };
}

/** ADCs in the whole tile: one per `columnsPerAdc` columns of every crossbar. */
export const adcCount = (imc: ImcTile): number =>
  imc.readout === 'adc' ? imc.crossbars * Math.ceil(imc.cols / imc.columnsPerAdc) : 0;

/**
 * Peak MACs per cycle of the tile at 8-bit weights and inputs: every crossbar completing one
 * full MVM (rows × weights per row) per MVM time.
 */
export function imcPeakMacsPerCycle(imc: ImcTile, clockHz: number, bits = 8): number {
  const span = Math.ceil(bits / imc.bitsPerCell) + guardColumns(imc);
  const weightsPerRow = Math.floor(imc.cols / span);
  const mvm = mvmCost(imc, imc.rows, weightsPerRow * span, bits, clockHz);
  return (imc.crossbars * imc.rows * weightsPerRow) / mvm.cycles;
}
