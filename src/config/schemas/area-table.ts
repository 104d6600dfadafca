import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DocumentHeader } from './common.js';
import { PRECISIONS, type Precision } from './cost-table.js';

/** One entry: a value that must say where it comes from (as in a cost table). */
const Entry = <T extends TSchema>(value: T, description: string) =>
  Type.Object(
    { value, source: Type.String({ minLength: 1, description: 'publication, or "derived: how" / "estimated: why"' }) },
    { additionalProperties: false, description },
  );

/** An area, e.g. {"value": "385 um^2", "source": "..."}. */
const AreaEntry = (description: string) =>
  Entry(
    Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1 })], {
      description: 'an area ≥ 0: a string with units such as "385 um^2" or "0.5 mm^2", or a number in m^2',
    }),
    description,
  );
const FactorEntry = (description: string) => Entry(Type.Number({ exclusiveMinimum: 0 }), description);

const Key = '^[a-z0-9][a-z0-9._-]*$';

const PerPrecision = Type.Object(
  Object.fromEntries(
    PRECISIONS.map((p: Precision) => [p, Type.Optional(AreaEntry(`one ${p} multiplier plus its accumulator-width adder`))]),
  ),
  { additionalProperties: false, minProperties: 1, description: 'MAC datapath area (no registers), by precision' },
);

export const AreaSramAnchorSpec = Type.Object(
  {
    capacity: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1 })], {
      description: 'capacity of one bank this point describes: "32 KiB" or a number of bytes',
    }),
    perBit: AreaEntry('macro area per bit stored (cells, decoders, sense amplifiers) for one bank of this capacity'),
  },
  { additionalProperties: false },
);

/** The sections of an area table; in a table scaled from another, each is optional and overrides the scaled one. */
const sections = {
  mac: PerPrecision,
  register: Type.Object(
    { perBit: AreaEntry('one flip-flop (pipeline and operand registers)') },
    { additionalProperties: false },
  ),
  regfile: Type.Object(
    {
      perBit: AreaEntry('a flip-flop register file, per bit, with its read mux and write enables'),
      flopMaxBytes: Entry(
        Type.Integer({ minimum: 0 }),
        'a register-file level whose banks are larger than this many bytes is built as SRAM (the SRAM curve applies)',
      ),
    },
    { additionalProperties: false },
  ),
  sram: Type.Object(
    {
      anchors: Type.Array(AreaSramAnchorSpec, {
        minItems: 1,
        description: 'area per bit at given bank capacities, increasing capacity; interpolated in log(capacity)',
      }),
      extraPort: FactorEntry('each port beyond the first adds this fraction of the single-port area'),
    },
    { additionalProperties: false },
  ),
  imc: Type.Object(
    {
      cellF2: Type.Record(Type.String({ pattern: Key }), FactorEntry('cell area in units of F² (F = the node’s feature size)'), {
        additionalProperties: false,
        minProperties: 1,
        description: 'crossbar cell area by technology',
      }),
      adc: Type.Object(
        {
          referenceBits: Type.Integer({ minimum: 1, maximum: 16, description: 'resolution the area is given at' }),
          area: AreaEntry('one ADC at referenceBits'),
          scalePerBit: FactorEntry('area multiplies by this per extra bit: A(b) = area × scalePerBit^(b − referenceBits)'),
        },
        { additionalProperties: false },
      ),
      dacPerBit: AreaEntry('one row driver per input bit it resolves (a 1-bit DAC)'),
      perColumn: AreaEntry('sample-and-hold per crossbar column'),
      shiftAdd: AreaEntry('one shift-and-add unit (one per ADC)'),
    },
    { additionalProperties: false },
  ),
  vector: Type.Object({ perLane: AreaEntry('one element-wise lane (ALU datapath and its registers)') }, { additionalProperties: false }),
  noc: Type.Object(
    { perEndpoint: AreaEntry('the on-chip network per unit endpoint it feeds (a 32-bit crossbar port)') },
    { additionalProperties: false },
  ),
  d2d: Type.Object(
    { perGBps: AreaEntry('die-to-die PHY area per GB/s of link bandwidth (for chiplet links)') },
    { additionalProperties: false },
  ),
  integration: Type.Object(
    {
      logicUtilisation: FactorEntry(
        'fraction of placed standard-cell area that is cells: logic parts grow by 1/this − 1, booked as "integration"',
      ),
    },
    { additionalProperties: false },
  ),
};

export const AreaTableSpec = Type.Object(
  {
    ...DocumentHeader,
    source: Type.String({ minLength: 1, description: 'where the table as a whole comes from' }),
    node: Type.String({
      minLength: 1,
      pattern: '^[0-9]+(\\.[0-9]+)?nm$',
      description: 'technology node the areas are for, e.g. "45nm" (F, the feature size, in cell areas given in F²)',
    }),
    scaledFrom: Type.Optional(
      Type.Object(
        {
          table: Type.String({ minLength: 1, description: 'the area table (built-in name) these areas are scaled from' }),
          logic: FactorEntry('area factor for logic: MACs, registers, register files, vector lanes, NoC, DACs, shift-adds'),
          sram: FactorEntry('area factor for SRAM macros (bitcells scale more slowly than logic at FinFET nodes)'),
          analog: FactorEntry('area factor for ADCs and sample-and-holds (set by capacitors and matching more than by the node)'),
        },
        {
          additionalProperties: false,
          description:
            'areas not given here are the other table’s times these factors; crossbar cells follow F², the d2d PHY and integration are kept',
        },
      ),
    ),
    mac: Type.Optional(sections.mac),
    register: Type.Optional(sections.register),
    regfile: Type.Optional(sections.regfile),
    sram: Type.Optional(sections.sram),
    imc: Type.Optional(sections.imc),
    vector: Type.Optional(sections.vector),
    noc: Type.Optional(sections.noc),
    d2d: Type.Optional(sections.d2d),
    integration: Type.Optional(sections.integration),
  },
  { additionalProperties: false },
);

export type AreaTableSpec = Static<typeof AreaTableSpec>;
