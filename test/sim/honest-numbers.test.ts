import { describe, expect, it } from '@jest/globals';
import { readJson } from '../../src/config/read-json.js';
import type { ArchSpec } from '../../src/config/schemas/arch.js';
import { UserError } from '../../src/config/user-error.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { simulateWhatIf } from '../../src/sim/simulate-what-if.js';

describe('utilization counts the work the array issues', () => {
  it('never passes 100 %, even when skipping makes the network run far faster than its MACs', () => {
    const r = simulateWhatIf(loadArch('eyeriss-v2-like'), loadWorkload('mobilenet-v2'), {
      weightDensity: 0.001,
      activationDensity: 0.001,
    });
    expect(r.totals.utilization).toBeLessThanOrEqual(1);
    for (const l of r.layers) expect(l.utilization).toBeLessThanOrEqual(1);
    // By definition: issued MACs over cycles × peak.
    const l = r.layers.find((x) => x.macs > 0 && x.macsSkipped > 0)!;
    expect(l.utilization).toBeCloseTo((l.macs - l.macsSkipped) / (l.cycles * r.arch.units[0].peakMacsPerCycle), 12);
  });

  it('is MACs over cycles × peak for a dense network', () => {
    const r = simulate(loadArch('edge-tpu'), loadWorkload('tiny'));
    const peak = r.arch.units.reduce((s, u) => s + u.peakMacsPerCycle, 0);
    expect(r.totals.utilization).toBeCloseTo(r.totals.macs / (r.totals.cycles * peak), 12);
  });
});

describe('a what-if that runs other than as asked says so', () => {
  it('pruning 10 % to a 2:4 pattern runs as 50 % pruned, and the comparison notes it', () => {
    const r = simulateWhatIf(loadArch('edge-tpu-2to4'), loadWorkload('tiny'), { weightDensity: 0.9, structure: '2:4' });
    expect(r.comparison?.notes).toEqual(['2:4 keeps exactly 2 of every 4 weights: pruning 10 % runs as 50 % pruned']);
    expect(
      simulateWhatIf(loadArch('edge-tpu-2to4'), loadWorkload('tiny'), { weightDensity: 0.5, structure: '2:4' }).comparison?.notes,
    ).toBeUndefined();
  });
});

describe('cycle counts are exact or refused', () => {
  it('a run beyond 2^53 cycles is refused with a message, not rounded', () => {
    const spec = structuredClone(readJson('arch-configs/edge-tpu.json')) as ArchSpec;
    spec.memory.dram.bandwidth = '1 kB/s'; // the slowest link allowed
    spec.clock = '1 THz'; // the fastest clock allowed: ResNet-50's 25 MB then take ~2.5e16 cycles
    expect(() => simulate(buildArch(spec, 'arch-configs/edge-tpu.json'), loadWorkload('resnet-50'))).toThrow(UserError);
    expect(() => simulate(buildArch(spec, 'arch-configs/edge-tpu.json'), loadWorkload('resnet-50'))).toThrow(/2\^53 cycles/);
  });
});
