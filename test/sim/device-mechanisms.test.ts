import { describe, expect, it } from '@jest/globals';
import type { Arch } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import type { ArchSpec } from '../../src/config/schemas/arch.js';
import { readJson } from '../../src/config/read-json.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { denseLayer, graphOf } from '../helpers/layers.js';

// The mechanisms the silicon calibration rests on, checked on their own (not the fitted values).

/** A preset's spec with some fields replaced, built without touching the file. */
function variant(preset: string, edit: (spec: ArchSpec) => void): Arch {
  const spec = structuredClone(readJson(`arch-configs/${preset}.json`)) as ArchSpec;
  edit(spec);
  return buildArch(spec, `arch-configs/${preset}.json`);
}
const withLink = (gbs: number) =>
  variant('edge-tpu', (s) => {
    s.memory.dram.bandwidth = `${gbs} GB/s`;
  });
const weightBytesRead = (r: SimResult) => r.layers.reduce((s, l) => s + l.dram.readByRole.weight, 0);
const ioBytes = (r: SimResult) => r.layers.reduce((s, l) => s + l.dram.readByRole.input + l.dram.writeByRole.output, 0);

describe('Edge TPU parameter cache and host link', () => {
  it('a model whose parameters fit the cache reads none over the link, and a slower link slows it only by its input and output', () => {
    const net = loadWorkload('mobilenet-v1');
    const fast = simulate(withLink(0.5), net);
    const slow = simulate(withLink(0.05), net);
    expect(fast.layers.filter((l) => l.macs > 0).every((l) => l.weightsCached)).toBe(true);
    expect(weightBytesRead(fast)).toBe(0);
    expect(weightBytesRead(slow)).toBe(0);
    // Only the image in and the logits out cross: at most their bytes' extra transfer time.
    const extra = slow.totals.seconds - fast.totals.seconds;
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(ioBytes(fast) * (1 / 0.05e9 - 1 / 0.5e9) * 1.001);
  });

  it('a model that does not fit streams its uncached parameters every inference, at the link’s rate', () => {
    const net = loadWorkload('inception-v4');
    const fast = simulate(withLink(0.5), net);
    const slow = simulate(withLink(0.25), net);
    const streamed = weightBytesRead(fast);
    expect(streamed).toBeGreaterThan(20e6); // 42.7 M int8 parameters, ~8 MiB cache
    expect(weightBytesRead(slow)).toBe(streamed);
    // Halving the link at least adds the streamed bytes' extra transfer time, less what overlapped compute hid.
    const extra = slow.totals.seconds - fast.totals.seconds;
    expect(extra).toBeGreaterThan(0.9 * streamed * (1 / 0.25e9 - 1 / 0.5e9));
  });

  it('the PCIe variant is the same chip behind a different link', () => {
    const usb = loadArch('edge-tpu');
    const pcie = loadArch('edge-tpu-pcie');
    expect(pcie.units).toEqual(usb.units);
    expect(pcie.sram).toEqual(usb.sram);
    expect(pcie.invokeSeconds).toBe(usb.invokeSeconds);
    expect(pcie.dram.bytesPerSecond).toBeLessThan(usb.dram.bytesPerSecond);
  });
});

describe('the per-invoke overhead', () => {
  const tiny = loadWorkload('tiny');
  const resnet = loadWorkload('resnet-18');
  const at = (ms: number) =>
    variant('edge-tpu', (s) => {
      s.invokeOverhead = `${ms} ms`;
    });

  it('is paid once per inference: the same cycles are added to a 4-layer and an 18-layer network, and nothing else changes', () => {
    for (const net of [tiny, resnet]) {
      const none = simulate(at(0), net);
      const some = simulate(at(0.5), net);
      const cycles = 0.5e-3 * at(0.5).clockHz;
      expect(some.totals.invokeCycles).toBe(cycles);
      expect(none.totals.invokeCycles).toBe(0);
      expect(some.totals.cycles - none.totals.cycles).toBe(cycles);
      expect(some.layers.map((l) => l.cycles)).toEqual(none.layers.map((l) => l.cycles));
      expect(some.layers[0].startCycle).toBe(cycles);
      // The chip idles through it: only static energy is added, at the chip's static power.
      expect(some.totals.energyJoules - none.totals.energyJoules).toBeCloseTo(some.energy.staticWatts * 0.5e-3, 12);
      expect(some.totals.dramBytes).toEqual(none.totals.dramBytes);
    }
  });
});

describe('loads of the next layer in the previous layer’s tail (options.overlapLayers)', () => {
  /** Two dense layers whose weights stream from a 1 B/cycle DRAM into a small weight buffer. */
  function spec(overlap: boolean): ArchSpec {
    return {
      version: 1,
      name: 'overlap',
      clock: '1 GHz',
      compute: { pe: { kind: 'systolic-array', rows: 4, cols: 4, dataflow: 'ws', foldTiming: 'pipelined' } },
      memory: {
        sram: { act: { size: '64 KiB', holds: ['input', 'output'] }, w: { size: 64, holds: ['weight'] } },
        dram: { bandwidth: '1 GB/s' },
      },
      options: { overlapLayers: overlap },
    };
  }
  const net = graphOf('two', [16, 16], [denseLayer('a', 16, 16, 16), denseLayer('b', 16, 16, 16, 'a')]);

  it('never makes a network slower, moves the same bytes, and here hides part of the second layer’s weight loads', () => {
    const plain = simulate(buildArch(spec(false), undefined), net);
    const overlapped = simulate(buildArch(spec(true), undefined), net);
    expect(overlapped.totals.dramBytes).toEqual(plain.totals.dramBytes);
    expect(overlapped.totals.cycles).toBeLessThan(plain.totals.cycles);
    expect(overlapped.layers[0].cycles).toBe(plain.layers[0].cycles);
  });

  it('does not start a layer’s loads before the previous layer has written what it reads', () => {
    // Every output goes to DRAM (no activation buffer): b reads a's output from there.
    const s = spec(true);
    s.memory.sram = { w: { size: 64, holds: ['weight'] }, io: { size: 64, holds: ['input', 'output'] } };
    s.options = { overlapLayers: true, keepActivationsOnChip: false };
    const plainSpec = structuredClone(s);
    plainSpec.options = { overlapLayers: false, keepActivationsOnChip: false };
    const overlapped = simulate(buildArch(s, undefined), net);
    const plain = simulate(buildArch(plainSpec, undefined), net);
    expect(overlapped.totals.cycles).toBe(plain.totals.cycles);
  });
});

describe('a buffer smaller than one fold', () => {
  it('still runs the layer, streaming what does not fit, and says so', () => {
    const r = simulate(loadArch('test/fixtures/tiny-sram.json'), loadWorkload('tiny'));
    const spilled = r.layers.filter((l) => l.mapping?.spills);
    expect(spilled.length).toBeGreaterThan(0);
    expect(spilled[0].mapping!.spills![0]).toMatch(/fold of \d+×\d+ needs \d+ B .* SRAM buffer "unified" has \d+ B/);
    expect(Number.isFinite(r.totals.seconds) && r.totals.seconds > 0).toBe(true);
  });
});

describe('Ethos-U55 weights cross the flash port', () => {
  it.each(['ethos-u55-128', 'ethos-u55-256'])('%s reads every weight byte from flash and no activation byte', (preset) => {
    const arch = loadArch(preset);
    expect(arch.dram.kind).toBe('flash');
    const r = simulate(arch, loadWorkload('ds-cnn'));
    const fromFlash = r.totals.memory.dram;
    expect(fromFlash.readByRole.weight).toBeGreaterThanOrEqual(r.workload.params);
    expect(fromFlash.readByRole.input).toBe(0);
    expect(fromFlash.writeBytes).toBe(0);
  });
});
