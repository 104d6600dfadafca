import type { ImcTile } from './crossbars.js';
import type { BuildContext } from './component.js';
import type { ImcTileSpec } from '../config/schemas/arch.js';
import { parseQuantity } from '../config/units.js';

/** Builds an IMC tile from its schema-valid spec, adding what a schema cannot check to `problems`. */
export function buildImcTile(c: ImcTileSpec, { name, at, log, file, problems }: BuildContext): ImcTile {
  const rows = log.take(c.rows, `${at}/rows`);
  const cols = log.take(c.cols, `${at}/cols`);
  const columnsPerAdc = log.take(c.columnsPerAdc, `${at}/columnsPerAdc`);
  if (columnsPerAdc > cols) {
    problems.push({
      file,
      path: `${at}/columnsPerAdc`,
      message: `${columnsPerAdc} columns per ADC, but a crossbar has only ${cols} columns; expected 1 to ${cols}`,
    });
  }
  const adcConversionSeconds = parseQuantity(
    log.take(c.adcConversionTime, `${at}/adcConversionTime`),
    'seconds',
    file,
    `${at}/adcConversionTime`,
  );
  if (adcConversionSeconds <= 0)
    problems.push({ file, path: `${at}/adcConversionTime`, message: 'an ADC conversion must take more than 0 s' });
  return {
    name,
    kind: 'imc-tile',
    technology: c.technology,
    rows,
    cols,
    crossbars: log.take(c.crossbars, `${at}/crossbars`),
    bitsPerCell: c.bitsPerCell === undefined ? 1 : log.take(c.bitsPerCell, `${at}/bitsPerCell`),
    dacBits: c.dacBits === undefined ? 1 : log.take(c.dacBits, `${at}/dacBits`),
    adcBits: log.take(c.adcBits, `${at}/adcBits`),
    columnsPerAdc,
    adcConversionSeconds,
    programSecondsPerRow: parseQuantity(
      log.take(c.programTimePerRow, `${at}/programTimePerRow`),
      'seconds',
      file,
      `${at}/programTimePerRow`,
    ),
    endurance: c.endurance,
  };
}
