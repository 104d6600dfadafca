import { describe, expect, it } from '@jest/globals';
import { explainVonNeumann } from '../../src/explain/explain-von-neumann.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';

// The whole-network check of issue 17: with a macro calibrated against silicon (Jia et al., JSSC
// 2020) as the in-memory design, the teaching page's commentary still comes from the two results.
describe('explain von-neumann with a calibrated CiM macro (macro-jia-jssc2020) on ds-cnn', () => {
  const graph = loadWorkload('ds-cnn');
  const npu = simulate(loadArch('edge-tpu'), graph);
  const imc = simulate(loadArch('macro-jia-jssc2020'), graph);
  const data = explainVonNeumann({ workload: 'ds-cnn', imc: 'macro-jia-jssc2020' });
  const f = data.commentary.figures;
  const text = data.commentary.sentences.join(' ');

  it('runs the calibrated macro as simulate() does and quotes its totals', () => {
    expect(data.imc.result).toEqual(imc);
    expect(f['imc.energyJoules']).toBe(imc.totals.energyJoules);
    expect(f['imc.seconds']).toBe(imc.totals.seconds);
    expect(f['npu.energyJoules']).toBe(npu.totals.energyJoules);
  });

  it('says which design wins from the numbers, whichever it is', () => {
    const [a, b] = [npu.totals.energyJoules, imc.totals.energyJoules];
    expect(f.energyRatio).toBeCloseTo(Math.max(a, b) / Math.min(a, b), 12);
    expect(text).toContain(b < a ? 'The in-memory design needs' : 'Here the in-memory design needs');
    expect(text).toContain(b < a ? 'less energy' : 'more energy');
  });

  it("books the macro energy in its four parts, the periphery (Jia's near-memory datapath) included", () => {
    const e = imc.totals.energyBreakdownJoules;
    for (const part of ['imc.array', 'imc.adc', 'imc.dac', 'imc.periphery']) expect(e[part]).toBeGreaterThan(0);
  });
});
