import { describe, expect, it } from '@jest/globals';
import { modelMm2, publishedDies } from '../../scripts/area-check.js';

// The model sums components (MACs, registers, SRAM macros, converters, NoC ports) and leaves out
// control, clocking, pads and I/O, so it must come out below every published figure, and not
// absurdly far below: the recorded values are what docs/area.md publishes.
describe.each(publishedDies().map((d) => [d.name, d] as const))('the area model against %s', (_name, die) => {
  const model = modelMm2(die);

  it(`gives the ${die.modelMm2} mm² the error table records (within 0.5 %)`, () => {
    expect(Math.abs(model / die.modelMm2 - 1)).toBeLessThan(0.005);
  });

  it(`stays below the published ${die.publishedMm2} mm², and above a fifth of it`, () => {
    expect(model).toBeLessThan(die.publishedMm2);
    expect(model).toBeGreaterThan(die.publishedMm2 / 5.5);
  });
});
