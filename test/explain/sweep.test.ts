import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { explainVonNeumann } from '../../src/explain/explain-von-neumann.js';
import { SWEEP_FACTORS, sweepBandwidth, swept, withBandwidth } from '../../src/explain/sweep-bandwidth.js';
import { simulate } from '../../src/sim/simulate.js';

describe('the DRAM bandwidth sweep', () => {
  const data = explainVonNeumann({ workload: 'mobilenet-v2', sweepBandwidth: true });

  it('sweeps both designs at 1/4× … 8× their own bandwidth, the 1× point being the nominal run', () => {
    for (const d of [data.npu, data.imc]) {
      const s = data.sweep![d.role];
      if (!swept(s)) throw new Error(`${d.role} was not swept`);
      expect(s.points.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
      expect(s.points.map((p) => p.bytesPerSecond)).toEqual(SWEEP_FACTORS.map((f) => d.result.arch.dram.bytesPerSecond! * f));
      const nominal = s.points.find((p) => p.factor === 1)!;
      expect(nominal.seconds).toBe(d.result.totals.seconds);
      expect(nominal.energyJoules).toBe(d.result.totals.energyJoules);
    }
  });

  it('never gets slower as bandwidth grows (every consecutive pair of sweep points)', () => {
    for (const s of [data.sweep!.npu, data.sweep!.imc]) {
      if (!swept(s)) throw new Error('not swept');
      for (let i = 1; i < s.points.length; i++) {
        expect(s.points[i].bytesPerSecond).toBeGreaterThan(s.points[i - 1].bytesPerSecond);
        expect(s.points[i].cycles).toBeLessThanOrEqual(s.points[i - 1].cycles);
        expect(s.points[i].stallCycles).toBeLessThanOrEqual(s.points[i - 1].stallCycles);
      }
    }
  });

  it('never gets slower as bandwidth grows, for any bandwidths, archs and small networks (property)', () => {
    const archs = ['edge-tpu', 'sram-cim', 'reram-cim', 'hybrid-edge', 'ethos-u55-128'].map((a) => loadArch(a));
    const graphs = ['tiny', 'ds-cnn'].map((w) => loadWorkload(w));
    fc.assert(
      fc.property(
        fc.constantFrom(...archs),
        fc.constantFrom(...graphs),
        fc.uniqueArray(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (arch, graph, factors) => {
          const sorted = [...factors].sort((a, b) => a - b);
          const s = sweepBandwidth('npu', arch, graph, sorted);
          if (!swept(s)) return;
          for (let i = 1; i < s.points.length; i++) expect(s.points[i].seconds).toBeLessThanOrEqual(s.points[i - 1].seconds);
        },
      ),
      { numRuns: 40, seed: 20240611 },
    );
  });

  it('only changes bandwidth: the bytes moved are the same at every point', () => {
    for (const s of [data.sweep!.npu, data.sweep!.imc]) {
      if (!swept(s)) throw new Error('not swept');
      expect(new Set(s.points.map((p) => p.dramBytes)).size).toBe(1);
    }
  });

  it('states the latency range of the sweep in the commentary from the sweep points', () => {
    const s = data.sweep!.npu;
    if (!swept(s)) throw new Error('not swept');
    const f = data.commentary.figures;
    expect(f['sweep.npu.lowSeconds']).toBe(s.points[0].seconds);
    expect(f['sweep.npu.highSeconds']).toBe(s.points[s.points.length - 1].seconds);
    expect(f['sweep.npu.highBytesPerSecond']).toBe(s.points[s.points.length - 1].bytesPerSecond);
  });

  it('skips a design with ideal DRAM and says so', () => {
    const arch = loadArch('edge-tpu');
    const ideal = { ...arch, dram: { ...arch.dram, ideal: true } };
    const d = explainVonNeumann({ workload: 'tiny', npu: ideal, sweepBandwidth: true });
    expect(swept(d.sweep!.npu)).toBe(false);
    expect(swept(d.sweep!.imc)).toBe(true);
    expect(d.commentary.sentences.join(' ')).toContain('edge-tpu is not swept: its DRAM is ideal');
    expect(d.commentary.figures['npu.ridge']).toBeUndefined();
  });

  it('makes the modified arch by replacing only the DRAM bandwidth', () => {
    const arch = loadArch('sram-cim');
    const faster = withBandwidth(arch, 2 * arch.dram.bytesPerSecond);
    expect({ ...faster, dram: arch.dram }).toEqual(arch);
    expect(simulate(faster, loadWorkload('tiny')).arch.dram.bytesPerSecond).toBe(2 * arch.dram.bytesPerSecond);
  });
});
