import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Count, DocumentHeader, Quantity, Sourced, Tagged, TensorRole, TENSOR_PRECISIONS } from './common.js';

const Source = Type.Optional(Type.String({ description: 'where these parameters come from' }));

/** How the array treats zeros in one operand. */
export const SparsitySupportSpec = Type.Object(
  {
    mode: Type.Union([Type.Literal('none'), Type.Literal('gating'), Type.Literal('skipping')], {
      description: 'none: zeros are computed; gating: a zero operand saves the MAC\'s energy, not its cycle; skipping: zeros are skipped, saving cycles',
    }),
    structures: Type.Optional(
      Type.Array(Type.String({ pattern: '^(unstructured|channel|[1-9][0-9]*:[1-9][0-9]*)$' }), {
        minItems: 1,
        uniqueItems: true,
        description: 'sparsity patterns the hardware exploits, e.g. ["2:4"] or ["unstructured"] (default: all)',
      }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('bitmask'), Type.Literal('csr'), Type.Literal('rle')], {
        description: 'compressed storage of this tensor in SRAM and DRAM: none (dense), bitmask, csr or rle; metadata costs bytes',
      }),
    ),
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** A 2-D systolic array of MAC processing elements. */
export const SystolicArraySpec = Type.Object(
  {
    kind: Type.Literal('systolic-array'),
    rows: Count('PE rows'),
    cols: Count('PE columns'),
    cores: Type.Optional(
      Count(
        'identical arrays of rows x cols working side by side on one layer (default 1): each holds the same stationary block and streams its share of the streamed extent (ws: output pixels, is: filters); not for os, whose streamed extent is the reduction',
      ),
    ),
    dataflow: Type.Union([Type.Literal('os'), Type.Literal('ws'), Type.Literal('is'), Type.Literal('rs')], {
      description:
        'os = output stationary, ws = weight stationary, is = input stationary, rs = row stationary (Eyeriss: each PE keeps a filter row in its own scratchpads, level 0, and convolves ifmap rows streamed past it; one core)',
    }),
    foldTiming: Type.Optional(
      Type.Union([Type.Literal('sequential'), Type.Literal('pipelined')], {
        description:
          'sequential: each fold fills, streams and drains before the next starts (SCALE-Sim v2); pipelined (default): the next fold fills while the previous drains',
      }),
    ),
    accumulatorBytes: Type.Optional(Count('bytes of one partial sum kept between folds (default 4)')),
    partialSums: Type.Optional(
      Type.Union([Type.Literal('buffer'), Type.Literal('accumulators')], {
        description:
          'where ws and is arrays keep partial sums across row folds: buffer (default; in the SRAM level next to the array, spilling outward what does not fit, as SCALE-Sim counts), or accumulators (in storage at the array\'s output, as the TPU v1\'s accumulators, with the output pixels tiled so that a tile\'s partial sums fit: none take SRAM room or spill)',
      }),
    ),
    precisions: Type.Optional(
      Type.Partial(
        Type.Record(
          Type.Union(TENSOR_PRECISIONS.map((p) => Type.Literal(p))),
          Sourced(Type.Number({ exclusiveMinimum: 0 }), 'MACs per PE per cycle at this precision, relative to one native MAC (e.g. int4: 2, int16: 0.25)'),
        ),
        {
          additionalProperties: false,
          minProperties: 1,
          description: `MAC precisions the PEs run and their throughput per PE per cycle; keys: ${TENSOR_PRECISIONS.join(', ')} (default {"int8": 1})`,
        },
      ),
    ),
    precisionFallback: Type.Optional(
      Type.Union([Type.Literal('error'), Type.Literal('widen')], {
        description: 'a precision the PEs lack: error (default), or widen: run it on the narrowest wider integer precision they have, unpacked, and say so in the result',
      }),
    ),
    weightDecode: Type.Optional(
      Type.Union([Type.Literal('lut'), Type.Literal('expand')], {
        description:
          'how weights in a palettized, group-scaled or block format (a language model\'s --weights) reach the PEs: lut (default: decoded on the way in, so memory holds and moves the packed bits) or expand (the PEs take only their MAC precision: the weights are widened to it in memory, and move at that width)',
      }),
    ),
    sparsity: Type.Optional(
      Type.Object(
        { weight: Type.Optional(SparsitySupportSpec), activation: Type.Optional(SparsitySupportSpec) },
        { additionalProperties: false, description: 'how zeros in weights and activations are exploited (default: not at all)' },
      ),
    ),
    groupPacking: Type.Optional(
      Type.Union([Type.Literal('block-diagonal'), Type.Literal('none')], {
        description:
          'how small independent GEMMs (depthwise channels, attention heads) share a weight-stationary array: block-diagonal (default) places several side by side in one fold; none runs one per fold (SCALE-Sim v2)',
      }),
    ),
    source: Source,
  },
  { additionalProperties: false },
);

/** A SIMD unit for element-wise work (pooling, add, softmax, normalisation). */
export const VectorUnitSpec = Type.Object(
  {
    kind: Type.Literal('vector-unit'),
    lanes: Count('elements processed per cycle'),
    source: Source,
  },
  { additionalProperties: false },
);

/** In-memory-compute crossbars: weights stay in the arrays; inputs drive rows, ADCs read columns. */
export const ImcTileSpec = Type.Object(
  {
    kind: Type.Literal('imc-tile'),
    technology: Type.Union([Type.Literal('sram'), Type.Literal('reram'), Type.Literal('pcm')], {
      description: 'cell technology: sram | reram | pcm (the cost table must have imc/cells/<technology>)',
    }),
    rows: Count('rows (word lines) per crossbar'),
    cols: Count('columns (bit lines) per crossbar'),
    crossbars: Count('number of crossbars'),
    bitsPerCell: Type.Optional(Sourced(Type.Integer({ minimum: 1, maximum: 8 }), 'bits stored per cell, 1–8 (default 1)')),
    dacBits: Type.Optional(Sourced(Type.Integer({ minimum: 1, maximum: 8 }), 'input bits applied per step, 1–8 (default 1: bit-serial)')),
    capacitorCell: Type.Optional(
      Sourced(
        Type.Boolean(),
        'the cell computes on its own capacitor (charge-domain CiM: a capacitor per bitcell, or a C-2C ladder), charged and shared onto the column every input step; its read is priced by imc/cells/<technology>/capacitorRead (default false: the cell only shares the bit line)',
      ),
    ),
    readout: Type.Optional(
      Type.Union([Type.Literal('adc'), Type.Literal('digital')], {
        description:
          'how column results leave the array: adc (analog sums, shared ADCs; the default) or digital (an adder in every cell, as in digital bit-serial CiM: each weight spans its bits plus ceil(log2 rows) accumulator columns, no ADC)',
      }),
    ),
    adcBits: Type.Optional(Sourced(Type.Integer({ minimum: 1, maximum: 16 }), 'ADC resolution in bits, 1–16 (required for an adc readout)')),
    columnsPerAdc: Type.Optional(Count('columns sharing one ADC (column mux), at most cols (required for an adc readout)')),
    columnsPerConversion: Type.Optional(
      Count(
        "adjacent columns of one weight summed in the analog domain (binary-weighted capacitors, a C-2C ladder) before one conversion, at most columnsPerAdc (default 1: every column converted, bit slices shifted and added digitally)",
      ),
    ),
    adcConversionTime: Type.Optional(Quantity('time of one ADC conversion, e.g. "1 ns" (required for an adc readout unless stepTime is given)')),
    stepTime: Type.Optional(
      Quantity(
        'time of one input step of an MVM, all columns read out, at the nominal supply, e.g. "10 ns" (default: adcConversionTime × columnsPerAdc; required for a digital readout)',
      ),
    ),
    maxInputBits: Type.Optional(
      Sourced(Type.Integer({ minimum: 1, maximum: 16 }), 'the widest input the input path (DAC, pulse generator) takes; wider layer inputs are refused (default: any width, bit-serial)'),
    ),
    supply: Type.Optional(Quantity('supply voltage the tile runs at, e.g. "0.85 V" (default: nominalSupply)')),
    nominalSupply: Type.Optional(
      Quantity('supply voltage its energies (cost table × energyScale) and times refer to, e.g. "0.85 V" (required with supply)'),
    ),
    supplyRange: Type.Optional(
      Type.Object(
        {
          min: Quantity('lowest characterised supply, e.g. "0.6 V"'),
          max: Quantity('highest characterised supply, e.g. "1.2 V"'),
          source: Source,
        },
        { additionalProperties: false, description: 'the supply voltages the macro was characterised at; a supply outside is refused' },
      ),
    ),
    voltageExponent: Type.Optional(
      Sourced(
        Type.Number({ minimum: 0, maximum: 8 }),
        'energy per action ∝ (supply ÷ nominalSupply)^voltageExponent for cells, ADC, DAC and periphery (default 2: C·V²)',
      ),
    ),
    delayExponent: Type.Optional(
      Sourced(Type.Number({ minimum: 0, maximum: 8 }), 'step time ∝ (nominalSupply ÷ supply)^delayExponent (default 1)'),
    ),
    energyScale: Type.Optional(
      Type.Object(
        {
          array: Type.Optional(Sourced(Type.Number({ exclusiveMinimum: 0, maximum: 1e4 }), 'multiplier on the cost table\'s cell read energy')),
          adc: Type.Optional(Sourced(Type.Number({ exclusiveMinimum: 0, maximum: 1e4 }), 'multiplier on the ADC conversion energy')),
          dac: Type.Optional(Sourced(Type.Number({ exclusiveMinimum: 0, maximum: 1e4 }), 'multiplier on the DAC / row-driver energy')),
          periphery: Type.Optional(Sourced(Type.Number({ exclusiveMinimum: 0, maximum: 1e4 }), 'multiplier on the shift-and-add energy')),
          source: Source,
        },
        {
          additionalProperties: false,
          description: "a macro's calibration: multipliers on the cost table's IMC entries at nominalSupply (default 1 each)",
        },
      ),
    ),
    dataDependence: Type.Optional(
      Type.Object(
        {
          share: Sourced(
            Type.Number({ minimum: 0, maximum: 1 }),
            'share of the cell, DAC and ADC energy at full-scale outputs that varies with the data: energy × (1 − share × (1 − √outputLevel))',
          ),
          outputLevel: Sourced(Type.Number({ minimum: 0, maximum: 1 }), 'average column output as a fraction of full scale, 0–1'),
          source: Source,
        },
        { additionalProperties: false, description: 'data-dependent conversion energy (energy against the average output value)' },
      ),
    ),
    programTimePerRow: Quantity('time to program (write and verify) one crossbar row, e.g. "1 us"; rows of different crossbars program in parallel'),
    endurance: Type.Optional(Type.String({ description: 'write endurance, for the record, e.g. "1e6-1e9 writes per cell"' })),
    source: Source,
  },
  { additionalProperties: false },
);

/** Arm's Ethos-U55 microNPU, timed by Arm's public performance model (Vela's estimator). */
export const EthosUSpec = Type.Object(
  {
    kind: Type.Literal('ethos-u'),
    macs: Sourced(
      Type.Union([Type.Literal(32), Type.Literal(64), Type.Literal(128), Type.Literal(256)]),
      'MAC configuration: 32, 64, 128 or 256 8-bit MACs per cycle (Vela --accelerator-config ethos-u55-<macs>)',
    ),
    featureMapLatency: Type.Optional(
      Count('cycles from a feature-map block request to its data, each way, in the per-command floor (Vela\'s SRAM latency; default 32)', 0),
    ),
    featureMapBytesPerCycle: Type.Optional(Count('bytes per cycle of the port feature maps use, in the per-command floor (default 8: a 64-bit AXI)')),
    constantLatency: Type.Optional(Count('cycles to read biases and scales from where weights live (Vela\'s flash latency; default 64)', 0)),
    source: Source,
  },
  { additionalProperties: false },
);

/** The compute kinds the library ships; more are added by registering a component kind. */
const BUILTIN_COMPUTE = [SystolicArraySpec, VectorUnitSpec, ImcTileSpec, EthosUSpec];

const kindOf = (branch: TSchema) => (branch as unknown as { properties: { kind: { const: string } } }).properties.kind.const;

const computeSpec = (branches: TSchema[]) => {
  const forms = branches.map((b) => `{"kind": "${kindOf(b)}", ...}`);
  const list = forms.length > 1 ? `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}` : forms.join('');
  // Typed as the built-in union: a registered kind's spec reaches only its own component's build.
  return Tagged('kind', branches as typeof BUILTIN_COMPUTE, `a compute unit: ${list}`);
};

/** An on-chip SRAM buffer holding one or more tensor roles. */
export const SramSpec = Type.Object(
  {
    size: Quantity('capacity, e.g. "512 KiB"'),
    holds: Type.Array(TensorRole, { minItems: 1, uniqueItems: true, description: 'tensor roles stored here' }),
    banks: Type.Optional(Count('number of banks')),
    wordBytes: Type.Optional(Count('bytes per access of one bank')),
    level: Type.Optional(
      Count('place in the hierarchy of the roles it holds: 0 (default) next to the compute units, higher further out', 0, 8),
    ),
    bandwidth: Type.Optional(
      Quantity('bytes per second it can deliver to the level inside it, e.g. "4 GB/s"; without one, transfers out of it are not timed'),
    ),
    latency: Type.Optional(Quantity('latency of the first transfer out of it in a layer, e.g. "64 ns" (only with a bandwidth)')),
    ports: Type.Optional(Count('read/write ports (informational: energy per access follows capacity ÷ banks)')),
    graphTensors: Type.Optional(
      Type.Boolean({
        description:
          'the network\'s input and output tensors live here (a microcontroller\'s tensor arena): the input starts here and the output stays, so neither crosses to off-chip memory (only for the level activations live in)',
      }),
    ),
    technology: Type.Optional(
      Type.Union([Type.Literal('sram'), Type.Literal('regfile')], {
        description:
          'how its accesses are priced: sram (default; the cost table\'s SRAM curve at capacity ÷ banks) or regfile (the table\'s register-file entries, for per-PE scratchpads)',
      }),
    ),
    source: Source,
  },
  { additionalProperties: false },
);

/** The off-chip memory or host link that feeds the chip. */
export const DramSpec = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('dram'), Type.Literal('host-link'), Type.Literal('flash')], {
        description: 'what the chip reads its off-chip data from: dram (default), host-link (a USB or PCIe host) or flash',
      }),
    ),
    technology: Type.Optional(
      Type.String({ description: 'prices its traffic from the cost table\'s dram entries, e.g. lpddr4, lpddr5, hbm2, host-link, flash' }),
    ),
    ideal: Type.Optional(Type.Boolean({ description: 'infinite bandwidth, zero latency: never stalls' })),
    bandwidth: Type.Optional(Quantity('sustained bandwidth, e.g. "25.6 GB/s"')),
    latency: Type.Optional(Quantity('latency of one transfer, e.g. "100 ns"')),
    source: Source,
  },
  { additionalProperties: false },
);

const composeArchSpec = (computeBranches: TSchema[]) =>
  Type.Object(
  {
    ...DocumentHeader,
    calibration: Type.Optional(
      Type.Object(
        {
          parameters: Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            description: 'JSON paths of the parameters fitted to measurements, e.g. "/memory/dram/bandwidth"',
          }),
          rows: Type.Array(Type.String({ minLength: 1 }), {
            description:
              'ids of the published rows they were fitted to (reference/hardware/published-latencies.json, e.g. "coral-usb/mobilenet-v1"); every other row is held out. Empty for a preset that takes fitted values from the one it extends and was fitted to none of its own rows',
          }),
          method: Type.String({ minLength: 1, description: 'how they were fitted' }),
        },
        { additionalProperties: false, description: 'which parameters were fitted to which measured rows, and how (none: every row is held out)' },
      ),
    ),
    clock: Quantity('clock frequency, e.g. "480 MHz"'),
    invokeOverhead: Type.Optional(
      Quantity(
        'fixed time per inference before the first layer runs, paid once, with the chip idle: the host runtime\'s call and the command\'s set-up (a USB accelerator\'s per-invoke cost, a phone NPU\'s dispatch), e.g. "0.5 ms" (default 0)',
      ),
    ),
    compute: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }), computeSpec(computeBranches), {
      minProperties: 1,
      description: 'compute units by name',
    }),
    memory: Type.Object(
      {
        sram: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }), SramSpec, {
          minProperties: 1,
          description: 'on-chip buffers by name',
        }),
        dram: DramSpec,
      },
      { additionalProperties: false },
    ),
    energy: Type.Optional(
      Type.Object(
        {
          table: Sourced(Type.String({ minLength: 1 }), 'cost table: a built-in name (arch-configs/tech/) or a path relative to this file'),
          areaTable: Type.Optional(
            Sourced(
              Type.String({ minLength: 1 }),
              'area table: a built-in name (arch-configs/tech/area/) or a path relative to this file; default: the built-in area table for the cost table\'s node',
            ),
          ),
          staticPower: Type.Optional(Quantity('static power of the whole chip, replacing the table\'s per-PE and per-KiB leakage, e.g. "50 mW"')),
          nocHops: Type.Optional(Count('on-chip network hops between an SRAM and the array (default 1)', 0)),
          source: Source,
        },
        { additionalProperties: false },
      ),
    ),
    options: Type.Optional(
      Type.Object(
        {
          cacheWeights: Type.Optional(
            Type.Boolean({ description: 'weights that fit stay on chip across inferences (Edge TPU parameter caching)' }),
          ),
          keepActivationsOnChip: Type.Optional(
            Type.Boolean({ description: 'a layer output that fits in SRAM is not written to DRAM (default true)' }),
          ),
          mapping: Type.Optional(
            Type.Union([Type.Literal('search'), Type.Literal('exhaustive'), Type.Literal('fixed'), Type.Literal('scalesim')], {
              description:
                'how layers are laid onto the array: search (default) picks loop orders and tile sizes per memory level by a budgeted branch-and-bound search; exhaustive finds the best nest of every layer\'s whole space (slower: seconds per large layer); fixed keeps the array\'s own fold order (column folds outer, row folds inner, the whole stream per fold); scalesim keeps SCALE-Sim v2\'s conventions, so parity with it stays exact',
            }),
          ),
          mappingObjective: Type.Optional(
            Type.Union([Type.Literal('edp'), Type.Literal('energy'), Type.Literal('latency')], {
              description: 'what the mapper minimises per layer: edp (energy x delay, default), energy or latency',
            }),
          ),
          overlapLayers: Type.Optional(
            Type.Boolean({
              description:
                'the next layer\'s loads start in the previous layer\'s tail, into the buffer halves its last tiles free, when they read nothing the previous layer writes off chip (default false: each layer loads once the previous one has finished)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const BuiltinArchSpec = composeArchSpec(BUILTIN_COMPUTE);
let computeBranches: TSchema[] = BUILTIN_COMPUTE;

/** The arch schema: the built-in compute kinds plus any registered since (a live binding). */
export let ArchSpec: TSchema = BuiltinArchSpec;

/** Lets arch documents use a newly registered compute kind: `schema` must have `kind` as a literal. */
export function addComputeSchema(schema: TSchema): void {
  if (computeBranches.includes(schema)) return;
  computeBranches = [...computeBranches, schema];
  ArchSpec = composeArchSpec(computeBranches);
}

export type ArchSpec = Static<typeof BuiltinArchSpec>;
export type SystolicArraySpec = Static<typeof SystolicArraySpec>;
export type VectorUnitSpec = Static<typeof VectorUnitSpec>;
export type ImcTileSpec = Static<typeof ImcTileSpec>;
export type EthosUSpec = Static<typeof EthosUSpec>;
export type SramSpec = Static<typeof SramSpec>;
export type DramSpec = Static<typeof DramSpec>;
export type SparsitySupportSpec = Static<typeof SparsitySupportSpec>;
