import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DocumentHeader } from './common.js';

/**
 * One table entry: a value that must say where it comes from. Unlike `Sourced`, the source is
 * required: a cost table is only as good as its provenance.
 */
const Entry = <T extends TSchema>(value: T, description: string) =>
  Type.Object(
    { value, source: Type.String({ minLength: 1, description: 'publication, or "derived: how" / "estimated: why"' }) },
    { additionalProperties: false, description },
  );

const QuantityValue = (noun: string, example: string, base: string) =>
  Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1 })], {
    description: `${noun} ≥ 0: a string with units such as ${example}, or a number in ${base}`,
  });

/** An energy per action (J), e.g. {"value": "0.2 pJ", "source": "Horowitz ISSCC 2014"}. */
export const EnergyEntry = (description: string) => Entry(QuantityValue('an energy', '"0.2 pJ"', 'joules'), description);
/** A static power (W), e.g. {"value": "3.6 uW", "source": "..."}. */
export const PowerEntry = (description: string) => Entry(QuantityValue('a power', '"3.6 uW"', 'watts'), description);
/** A dimensionless factor with a source. */
const FactorEntry = (description: string) => Entry(Type.Number({ exclusiveMinimum: 0 }), description);

/** Number formats a MAC, add or multiply entry may be given for. */
export const PRECISIONS = ['int2', 'int4', 'int8', 'int16', 'int32', 'bf16', 'fp16', 'fp32'] as const;
export type Precision = (typeof PRECISIONS)[number];

const PerPrecision = (what: string) => {
  const one = (p: Precision) => Type.Optional(EnergyEntry(`energy of one ${p} ${what}`));
  return Type.Object(
    {
      int2: one('int2'),
      int4: one('int4'),
      int8: one('int8'),
      int16: one('int16'),
      int32: one('int32'),
      bf16: one('bf16'),
      fp16: one('fp16'),
      fp32: one('fp32'),
    },
    { additionalProperties: false, minProperties: 1, description: `energy per ${what}, by precision` },
  );
};

const Key = '^[a-z0-9][a-z0-9._-]*$';

export const SramAnchorSpec = Type.Object(
  {
    capacity: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1 })], {
      description: 'capacity of the SRAM this point describes: "32 KiB" or a number of bytes',
    }),
    readPerByte: EnergyEntry('energy per byte read from an SRAM of this capacity'),
    writePerByte: EnergyEntry('energy per byte written to an SRAM of this capacity'),
  },
  { additionalProperties: false },
);

export const CostTableSpec = Type.Object(
  {
    ...DocumentHeader,
    source: Type.String({ minLength: 1, description: 'where the table as a whole comes from' }),
    node: Type.String({ minLength: 1, description: 'technology node (and supply) the numbers are for, e.g. "45nm"' }),
    scaling: Type.Optional(
      Type.Object(
        {
          from: Type.String({ minLength: 1, description: 'the table these values were scaled from' }),
          logic: FactorEntry('factor applied to mac, add and multiply'),
          sram: FactorEntry('factor applied to sram anchors and regfile'),
          wire: FactorEntry('factor applied to noc'),
          analog: FactorEntry('factor applied to imc adc and dac'),
          dram: FactorEntry('factor applied to dram (off-chip energy follows the interface standard, not the node)'),
        },
        { additionalProperties: false, description: 'informational: how a derived table was obtained from another' },
      ),
    ),
    mac: PerPrecision('multiply-accumulate (multiply + add at the accumulator width)'),
    add: PerPrecision('add'),
    multiply: PerPrecision('multiply'),
    regfile: Type.Object(
      {
        readPerByte: EnergyEntry('energy per byte read from a PE register file'),
        writePerByte: EnergyEntry('energy per byte written to a PE register file'),
      },
      { additionalProperties: false },
    ),
    sram: Type.Object(
      {
        anchors: Type.Array(SramAnchorSpec, {
          minItems: 1,
          description: 'per-byte energy at given capacities, increasing capacity; interpolated log-log between points',
        }),
      },
      { additionalProperties: false },
    ),
    dram: Type.Record(Type.String({ pattern: Key }), EnergyEntry('energy per bit transferred (read or write)'), {
      additionalProperties: false,
      minProperties: 1,
      description: 'off-chip memory or host link energy per bit, keyed by technology (lower case: lpddr4, hbm2, host-link)',
    }),
    noc: Type.Object(
      { perBitPerHop: EnergyEntry('energy to move one bit one hop (PE to neighbouring PE, or one router)') },
      { additionalProperties: false },
    ),
    imc: Type.Object(
      {
        cells: Type.Record(
          Type.String({ pattern: Key }),
          Type.Object(
            {
              read: EnergyEntry('energy per cell per read pulse (one input bit-slice)'),
              capacitorRead: Type.Optional(
                EnergyEntry(
                  "energy per cell per input step of a charge-domain cell (capacitorCell): its own compute capacitor charged and shared onto the column",
                ),
              ),
              write: EnergyEntry('energy to program one cell'),
            },
            { additionalProperties: false },
          ),
          { additionalProperties: false, minProperties: 1, description: 'crossbar cell energies by cell technology' },
        ),
        adc: Type.Object(
          {
            referenceBits: Type.Integer({ minimum: 1, maximum: 16, description: 'resolution the conversion energy is given at' }),
            conversion: EnergyEntry('energy of one conversion at referenceBits'),
            scalePerBit: FactorEntry('energy multiplies by this per extra bit: E(b) = conversion × scalePerBit^(b − referenceBits)'),
          },
          { additionalProperties: false },
        ),
        dacPerRowDrive: EnergyEntry('energy to drive one row once through its DAC (one input step, at any DAC resolution)'),
      },
      { additionalProperties: false },
    ),
    leakage: Type.Object(
      {
        perPe: PowerEntry('static power of one MAC processing element (incl. its registers)'),
        sramPerKiB: PowerEntry('static power of one KiB of SRAM'),
      },
      { additionalProperties: false },
    ),
    components: Type.Optional(
      Type.Record(
        Type.String({ pattern: Key }),
        Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' }), EnergyEntry('energy of one such action'), {
          additionalProperties: false,
          minProperties: 1,
        }),
        {
          additionalProperties: false,
          description:
            'energy per action of component kinds beyond the built-in ones, by kind and action name, e.g. {"pooling-unit": {"window": {"value": "0.5 pJ", "source": "..."}}}',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export type CostTableSpec = Static<typeof CostTableSpec>;
export type SramAnchorSpec = Static<typeof SramAnchorSpec>;
