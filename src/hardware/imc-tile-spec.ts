import type { ImcTile } from './crossbars.js';
import type { BuildContext } from './component.js';
import type { ImcTileSpec } from '../config/schemas/arch.js';
import { parseQuantity } from '../config/units.js';

/** Builds an IMC tile from its schema-valid spec, adding what a schema cannot check to `problems`. */
export function buildImcTile(c: ImcTileSpec, { name, at, log, file, problems }: BuildContext): ImcTile {
  const rows = log.take(c.rows, `${at}/rows`);
  const cols = log.take(c.cols, `${at}/cols`);
  const readout = c.readout ?? 'adc';
  const seconds = (v: ImcTileSpec['stepTime'], field: string) =>
    v === undefined ? undefined : parseQuantity(log.take(v, `${at}/${field}`), 'seconds', file, `${at}/${field}`);
  const volts = (v: ImcTileSpec['supply'], path: string) =>
    v === undefined ? undefined : parseQuantity(log.take(v, `${at}${path}`), 'volts', file, `${at}${path}`);
  const need = (field: string, why: string) => problems.push({ file, path: `${at}/${field}`, message: `missing: ${why}` });

  const stepSeconds = seconds(c.stepTime, 'stepTime');
  const adcConversionSeconds = seconds(c.adcConversionTime, 'adcConversionTime') ?? 0;
  const columnsPerAdc = c.columnsPerAdc === undefined ? cols : log.take(c.columnsPerAdc, `${at}/columnsPerAdc`);
  const columnsPerConversion =
    c.columnsPerConversion === undefined ? 1 : log.take(c.columnsPerConversion, `${at}/columnsPerConversion`);
  if (columnsPerConversion > columnsPerAdc)
    problems.push({
      file,
      path: `${at}/columnsPerConversion`,
      message: `${columnsPerConversion} columns summed per conversion, but an ADC serves only ${columnsPerAdc}; expected 1 to ${columnsPerAdc}`,
    });
  if (readout === 'adc') {
    if (c.adcBits === undefined) need('adcBits', 'an adc readout needs the ADC resolution in bits, 1–16');
    if (c.columnsPerAdc === undefined) need('columnsPerAdc', `an adc readout needs the columns sharing one ADC, 1 to ${cols}`);
    if (c.adcConversionTime === undefined && stepSeconds === undefined)
      need('adcConversionTime', 'an adc readout needs the time of one conversion, e.g. "1 ns" (or a stepTime)');
    if (columnsPerAdc > cols) {
      problems.push({
        file,
        path: `${at}/columnsPerAdc`,
        message: `${columnsPerAdc} columns per ADC, but a crossbar has only ${cols} columns; expected 1 to ${cols}`,
      });
    }
    if (c.adcConversionTime !== undefined && adcConversionSeconds <= 0)
      problems.push({ file, path: `${at}/adcConversionTime`, message: 'an ADC conversion must take more than 0 s' });
  } else if (stepSeconds === undefined) {
    need('stepTime', 'a digital readout needs the time of one input step, e.g. "10 ns"');
  }
  if (stepSeconds !== undefined && stepSeconds <= 0)
    problems.push({ file, path: `${at}/stepTime`, message: 'an input step must take more than 0 s' });

  const supply = volts(c.supply, '/supply');
  const nominal = volts(c.nominalSupply, '/nominalSupply');
  if (supply !== undefined && nominal === undefined)
    need('nominalSupply', 'a supply needs the nominal supply its energies refer to, e.g. "0.8 V"');
  const nominalSupplyVolts = nominal ?? supply ?? 1;
  const supplyVolts = supply ?? nominalSupplyVolts;
  if (supplyVolts <= 0 || nominalSupplyVolts <= 0)
    problems.push({
      file,
      path: `${at}/${supply !== undefined ? 'supply' : 'nominalSupply'}`,
      message: 'a supply must be above 0 V',
    });
  if (c.supplyRange) {
    log.note(c.supplyRange.source, `${at}/supplyRange`);
    const lo = volts(c.supplyRange.min, '/supplyRange/min')!;
    const hi = volts(c.supplyRange.max, '/supplyRange/max')!;
    const v = (x: number) => `${Number(x.toPrecision(4))} V`;
    if (lo > hi) problems.push({ file, path: `${at}/supplyRange`, message: `min ${v(lo)} is above max ${v(hi)}` });
    else if (supplyVolts < lo - 1e-12 || supplyVolts > hi + 1e-12)
      problems.push({
        file,
        path: `${at}/supply`,
        message: `${v(supplyVolts)} is outside the characterised supply range; expected ${v(lo)} to ${v(hi)}`,
      });
  }
  const scale = c.energyScale;
  log.note(scale?.source, `${at}/energyScale`);
  const factor = (key: 'array' | 'adc' | 'dac' | 'periphery') =>
    scale?.[key] === undefined ? 1 : log.take(scale[key], `${at}/energyScale/${key}`);
  const data = c.dataDependence;
  log.note(data?.source, `${at}/dataDependence`);

  return {
    name,
    kind: 'imc-tile',
    technology: c.technology,
    rows,
    cols,
    crossbars: log.take(c.crossbars, `${at}/crossbars`),
    bitsPerCell: c.bitsPerCell === undefined ? 1 : log.take(c.bitsPerCell, `${at}/bitsPerCell`),
    capacitorCell: c.capacitorCell === undefined ? false : log.take(c.capacitorCell, `${at}/capacitorCell`),
    dacBits: c.dacBits === undefined ? 1 : log.take(c.dacBits, `${at}/dacBits`),
    readout,
    adcBits: readout === 'adc' && c.adcBits !== undefined ? log.take(c.adcBits, `${at}/adcBits`) : 0,
    columnsPerAdc,
    columnsPerConversion,
    adcConversionSeconds,
    ...(stepSeconds !== undefined ? { stepSeconds } : {}),
    programSecondsPerRow: parseQuantity(
      log.take(c.programTimePerRow, `${at}/programTimePerRow`),
      'seconds',
      file,
      `${at}/programTimePerRow`,
    ),
    ...(c.maxInputBits !== undefined ? { maxInputBits: log.take(c.maxInputBits, `${at}/maxInputBits`) } : {}),
    supplyVolts,
    nominalSupplyVolts,
    voltageExponent: c.voltageExponent === undefined ? 2 : log.take(c.voltageExponent, `${at}/voltageExponent`),
    delayExponent: c.delayExponent === undefined ? 1 : log.take(c.delayExponent, `${at}/delayExponent`),
    energyScale: { array: factor('array'), adc: factor('adc'), dac: factor('dac'), periphery: factor('periphery') },
    dataShare: data ? log.take(data.share, `${at}/dataDependence/share`) : 0,
    outputLevel: data ? log.take(data.outputLevel, `${at}/dataDependence/outputLevel`) : 1,
    endurance: c.endurance,
  };
}
