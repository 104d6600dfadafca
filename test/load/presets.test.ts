import { describe, expect, it } from '@jest/globals';
import { systolicOf, vectorOf } from '../helpers/arch.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakOpsPerSecond, type Arch, type SystolicArray } from '../../src/hardware/arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { presetDir } from '../../src/config/paths.js';
import type { PrecisionSpec, SparsitySpec } from '../../src/config/schemas/common.js';
import { UserError } from '../../src/config/user-error.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import { simulate } from '../../src/sim/simulate.js';

/**
 * The published peak of each preset, in ops/s (1 MAC = 2 ops), with where the number comes from.
 * `marketed` is the vendor's rounded figure in TOPS: the exact peak must round to it.
 */
const PUBLISHED: Record<string, { opsPerSecond: number; marketed?: string; source: string }> = {
  'edge-tpu': {
    opsPerSecond: 4e12,
    marketed: '4',
    source: 'Coral FAQ https://coral.ai/docs/edgetpu/faq: 4 TOPS int8',
  },
  'ethos-u55-256': {
    opsPerSecond: 2 * 256 * 1e9,
    marketed: '0.5',
    source: 'Arm https://www.arm.com/products/silicon-ip-cpu/ethos/ethos-u55: 256 MACs/cycle at up to 1 GHz, "up to 0.5 TOPS"',
  },
  'ethos-u55-128': {
    opsPerSecond: 2 * 128 * 500e6,
    source:
      "Arm product page: 128 MACs/cycle configuration; 500 MHz is Vela's default U55 system config (Ethos_U55_High_End_Embedded)",
  },
  'apple-ane': {
    opsPerSecond: 38e12,
    marketed: '38',
    source: 'Apple M4 announcement https://www.apple.com/newsroom/2024/05/apple-introduces-m4-chip/: 38 TOPS',
  },
  'eyeriss-like': {
    opsPerSecond: 2 * 168 * 200e6,
    source: 'Chen et al., JSSC 2017: 168 PEs, one 16-bit MAC each per cycle, measured at a 200 MHz core clock',
  },
  'eyeriss-rs': {
    opsPerSecond: 2 * 168 * 200e6,
    source: 'the same array as eyeriss-like (Chen et al., JSSC 2017), run row stationary',
  },
  'eyeriss-v2-like': {
    opsPerSecond: 2 * 192 * 2 * 200e6,
    source:
      'Chen et al., JETCAS 2019 (arXiv:1807.07928): 192 PEs of 2-wide SIMD 8-bit MACs at 200 MHz, as third-party readings of its Table II have it (verify)',
  },
  'edge-tpu-2to4': {
    opsPerSecond: 4e12,
    marketed: '4',
    source: 'a what-if on the edge-tpu preset: its dense int8 peak is unchanged (Coral FAQ: 4 TOPS int8)',
  },
  'edge-tpu-pcie': { opsPerSecond: 4e12, marketed: '4', source: 'the same chip as edge-tpu (Coral FAQ: 4 TOPS int8)' },
  'ethos-u55-64': {
    opsPerSecond: 2 * 64 * 500e6,
    source: "Arm product page: 64 MACs/cycle configuration; 500 MHz is Vela's Ethos_U55_High_End_Embedded clock",
  },
  'ethos-u55-deep-embedded': {
    opsPerSecond: 2 * 128 * 200e6,
    source: "128 MACs/cycle at Vela's Ethos_U55_Deep_Embedded clock, 200 MHz (vela.ini)",
  },
  'apple-ane-a14': {
    opsPerSecond: 11e12,
    marketed: '11',
    source: 'Apple, A14 Bionic announcement (September 2020): 16-core Neural Engine, 11 trillion operations per second',
  },
  'apple-ane-a17-pro': {
    opsPerSecond: 35e12,
    marketed: '35',
    source: 'Apple, iPhone 15 Pro announcement (September 2023): A17 Pro Neural Engine, up to 35 trillion operations per second',
  },
  'apple-ane-a15': {
    opsPerSecond: 15.8e12,
    marketed: '15.8',
    source: 'Apple, iPhone 13 announcement (September 2021): A15 Neural Engine, 15.8 trillion operations per second',
  },
};

const PRESETS = Object.keys(PUBLISHED);

/** The preset's NPU is an Ethos-U (timed by Arm's model; its traffic planned on a stand-in array). */
const isEthos = (arch: Arch) => arch.units.some((u) => u.kind === 'ethos-u');

/** The preset's systolic array (every preset has one). */
function arrayOf(arch: Arch): SystolicArray {
  if (!systolicOf(arch)) throw new Error(`${arch.name} has no systolic array`);
  return systolicOf(arch)!;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

const readPreset = (name: string): { [key: string]: Json } =>
  JSON.parse(readFileSync(join(presetDir(), `${name}.json`), 'utf8')) as {
    [key: string]: Json;
  };

/** A leaf that states a physical quantity or a count: a number, or a string like "480 MHz". */
const isQuantityLeaf = (v: Json): boolean =>
  typeof v === 'number' || (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*[A-Za-zµ]/i.test(v));

/** A source either cites a publication / document or says it is an estimate and why. */
const isCitation = (s: string): boolean =>
  /^estimated: \S.{15,}/.test(s) || /(https?:\/\/\S+|arXiv:\d{4}\.\d{4,5}|\bJSSC\b|\bISSCC\b|\bISCA\b)/.test(s);

/**
 * JSON paths of quantity leaves that carry no source: each must be the `value` of a
 * {value, source} pair, or sit in an object that has a `source` of its own.
 */
function unsourced(node: Json, path = '', parent?: { [key: string]: Json }): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => unsourced(v, `${path}/${i}`, parent));
  if (isObject(node)) {
    return Object.entries(node).flatMap(([k, v]) =>
      k === 'source' || k === '$schema' || k === 'version' ? [] : unsourced(v, `${path}/${k}`, node),
    );
  }
  if (!isQuantityLeaf(node)) return [];
  const src = parent?.source;
  return typeof src === 'string' && src.trim() !== '' ? [] : [path];
}

/** Every `source` string in a document, with its path. */
function sources(node: Json, path = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => sources(v, `${path}/${i}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]): [string, string][] =>
    k === 'source' && typeof v === 'string' ? [[`${path}/source`, v]] : sources(v, `${path}/${k}`),
  );
}

describe('architecture presets', () => {
  it.each(PRESETS)('%s loads, and its name is its file name', (name) => {
    const arch = loadArch(name);
    expect(arch.name).toBe(name);
    expect(arch.clockHz).toBeGreaterThan(0);
    expect(systolicOf(arch)!.foldTiming).toBe('pipelined');
    // An Ethos-U runs element-wise work on its own output stage; every other preset declares a vector unit.
    if (!isEthos(arch)) expect(vectorOf(arch)).toBeDefined();
    expect(arch.dram.ideal).toBe(false);
    expect(arch.dram.bytesPerSecond).toBeGreaterThan(0);
    const raw = readPreset(name);
    expect(raw.$schema).toBe('../schemas/arch.schema.json');
    expect(typeof raw.source).toBe('string');
    expect(typeof raw.description).toBe('string');
  });

  it.each(PRESETS)('%s: peak throughput is within 2%% of the published value', (name) => {
    const { opsPerSecond, marketed } = PUBLISHED[name];
    const peak = peakOpsPerSecond(loadArch(name));
    expect(Math.abs(peak - opsPerSecond) / opsPerSecond).toBeLessThanOrEqual(0.02);
    if (marketed !== undefined) {
      // the vendor's rounded figure is what our exact peak rounds to at the same precision
      const digits = marketed.replace('.', '').replace(/^0+/, '').length;
      expect(Number((peak / 1e12).toPrecision(digits))).toBe(Number(marketed));
    }
  });

  it('the headline numbers are the ones the presets document', () => {
    const t = (name: string) => peakOpsPerSecond(loadArch(name)) / 1e12;
    expect(t('edge-tpu')).toBeCloseTo(3.932, 3);
    expect(t('ethos-u55-256')).toBeCloseTo(0.512, 6);
    expect(t('ethos-u55-128')).toBeCloseTo(0.128, 6);
    expect(t('apple-ane')).toBeCloseTo(37.68, 2);
    expect(t('eyeriss-like')).toBeCloseTo(0.0672, 6);
    expect(t('eyeriss-v2-like')).toBeCloseTo(0.1536, 6);
    expect(t('edge-tpu-2to4')).toBe(t('edge-tpu'));
  });

  it.each(PRESETS)('%s: every numeric parameter carries a source', (name) => {
    expect(unsourced(readPreset(name))).toEqual([]);
  });

  it.each(PRESETS)('%s: every parameter uses the {value, source} form', (name) => {
    const bare: string[] = [];
    const walk = (node: Json, path: string): void => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}/${i}`));
      if (!isObject(node)) {
        if (isQuantityLeaf(node)) bare.push(path);
        return;
      }
      if ('value' in node && 'source' in node) return;
      for (const [k, v] of Object.entries(node)) if (k !== 'version') walk(v, `${path}/${k}`);
    };
    walk(readPreset(name), '');
    expect(bare).toEqual([]);
  });

  it.each(PRESETS)('%s: every source cites a publication or says "estimated: why"', (name) => {
    const bad = sources(readPreset(name)).filter(([, s]) => !isCitation(s));
    expect(bad).toEqual([]);
  });

  it.each(PRESETS)('%s: the loaded arch keeps the source of each parameter', (name) => {
    const arch = loadArch(name);
    expect(arch.sources['/clock']).toEqual(expect.any(String));
    const unit = systolicOf(arch)!.name;
    for (const field of isEthos(arch) ? ['macs'] : ['rows', 'cols'])
      expect(arch.sources[`/compute/${unit}/${field}`]).toEqual(expect.any(String));
    expect(arch.sources['/memory/dram/bandwidth']).toEqual(expect.any(String));
    for (const b of arch.sram) expect(arch.sources[`/memory/sram/${b.name}/size`]).toEqual(expect.any(String));
  });

  it('each preset has the memory organisation its docs describe', () => {
    const edge = loadArch('edge-tpu');
    expect(edge.sram.map((b) => [b.name, b.bytes, [...b.holds].sort()])).toEqual([
      ['unified', 8 * 2 ** 20, ['input', 'output', 'weight']],
    ]);
    expect(edge.dram).toMatchObject({
      kind: 'host-link',
      technology: 'host-link',
      bytesPerSecond: 0.5e9,
    });
    expect(edge.options.cacheWeights).toBe(true);

    // Ethos-U55: SHRAM next to the NPU; feature maps (and staged weight chunks) in the SRAM arena
    // behind it over AXI0; weights in flash over their own port, AXI1 (Vela, Shared_Sram).
    for (const [name, shramKiB, clockHz] of [
      ['ethos-u55-128', 24, 500e6],
      ['ethos-u55-256', 48, 1e9],
    ] as const) {
      const u55 = loadArch(name);
      expect(u55.sram.map((b) => [b.name, b.bytes, b.level, [...b.holds].sort()])).toEqual([
        ['shram', shramKiB * 1024, 0, ['input', 'output', 'weight']],
        ['arena', 2 * 2 ** 20, 1, ['input', 'output', 'weight']],
      ]);
      expect(u55.sram[1].bytesPerSecond).toBe(8 * clockHz);
      expect(u55.dram).toMatchObject({ kind: 'flash', technology: 'flash', bytesPerSecond: 0.5e9 });
      expect(u55.options.cacheWeights).toBe(false);
      expect(systolicOf(u55)!.cols).toBe(8);
    }

    const ane = loadArch('apple-ane');
    expect(ane.sram.find((b) => b.name === 'l2')).toMatchObject({
      bytes: 4 * 2 ** 20,
      holds: ['input', 'output'],
    });
    expect(ane.sram.find((b) => b.holds.includes('weight'))?.name).toBe('kernel');
    expect(ane.dram).toMatchObject({
      technology: 'lpddr5',
      bytesPerSecond: 60e9,
    });

    const eyeriss = loadArch('eyeriss-like');
    expect([systolicOf(eyeriss)!.rows, systolicOf(eyeriss)!.cols]).toEqual([12, 14]);
    // Per-PE scratchpads (12, 224 and 24 16-bit words × 168 PEs) in front of the global buffer,
    // which holds feature maps and partial sums; weights go from DRAM to the filter scratchpads.
    expect(eyeriss.sram.map((b) => [b.name, b.bytes, b.level, b.holds, b.technology])).toEqual([
      ['ifmap-spad', 168 * 12 * 2, 0, ['input'], 'regfile'],
      ['filter-spad', 168 * 224 * 2, 0, ['weight'], 'regfile'],
      ['psum-spad', 168 * 24 * 2, 0, ['output'], 'regfile'],
      ['glb', 108 * 1024, 1, ['input', 'output'], 'sram'],
    ]);
    expect(eyeriss.clockHz).toBe(200e6);

    // Eyeriss v2: input-activation and partial-sum halves of the global buffer, and the PE weight
    // scratchpads standing in for the weight role (no weight global buffer); 72 + 120 + 54 KiB.
    const v2 = loadArch('eyeriss-v2-like');
    expect([arrayOf(v2).rows, arrayOf(v2).cols, arrayOf(v2).dataflow]).toEqual([16, 24, 'ws']);
    expect(v2.sram.map((b) => [b.name, b.bytes, b.holds])).toEqual([
      ['iact-glb', 72 * 1024, ['input']],
      ['psum-glb', 120 * 1024, ['output']],
      ['weight-spad', 54 * 1024, ['weight']],
    ]);
    expect(v2.dram).toMatchObject({ technology: 'lpddr4', bytesPerSecond: 12.8e9 });
    expect(v2.energy.table).toBe('horowitz-45nm');
    expect(v2.clockHz).toBe(200e6);

    // The what-if keeps everything of edge-tpu but the array's precisions and sparsity.
    const base = loadArch('edge-tpu');
    const whatIf = loadArch('edge-tpu-2to4');
    expect(whatIf.sram).toEqual(base.sram);
    expect(whatIf.dram).toEqual(base.dram);
    expect(whatIf.options).toEqual(base.options);
    expect({ ...arrayOf(whatIf), precisions: undefined, sparsity: undefined }).toEqual({
      ...arrayOf(base),
      precisions: undefined,
      sparsity: undefined,
    });
  });

  it('a document extending a preset overrides one field and keeps the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'picojoule-presets-'));
    try {
      const file = join(dir, 'x.json');
      writeFileSync(
        file,
        JSON.stringify({
          version: 1,
          name: 'x',
          extends: 'edge-tpu',
          memory: { sram: { unified: { size: '4 MiB' } } },
        }),
      );
      const base = loadArch('edge-tpu');
      const arch = loadArch(file);
      expect(arch.name).toBe('x');
      expect(arch.sram).toEqual([{ ...base.sram[0], bytes: 4 * 2 ** 20 }]);
      expect(arch.clockHz).toBe(base.clockHz);
      expect(systolicOf(arch)).toEqual(systolicOf(base));
      expect(vectorOf(arch)).toEqual(vectorOf(base));
      expect(arch.dram).toEqual(base.dram);
      expect(arch.options).toEqual(base.options);
      expect(peakOpsPerSecond(arch)).toBe(peakOpsPerSecond(base));
      // the overridden size no longer claims the preset's source; the others keep theirs
      expect(arch.sources['/memory/sram/unified/size']).toBeUndefined();
      expect(arch.sources['/memory/sram/unified/banks']).toBe(base.sources['/memory/sram/unified/banks']);
      expect(arch.sources['/clock']).toBe(base.sources['/clock']);
      expect(arch.files).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('precisions and sparsity of the presets', () => {
  // MACs per PE per cycle at each precision, relative to the rate rows × cols × clock counts.
  const EXPECTED: Record<string, { precisions: Record<string, number>; fallback: 'error' | 'widen' }> = {
    'edge-tpu': { precisions: { int8: 1 }, fallback: 'error' }, // Coral: int8 TFLite only
    'ethos-u55-128': { precisions: { int8: 1, int16: 0.5 }, fallback: 'error' }, // int16 activations at ~half rate
    'ethos-u55-256': { precisions: { int8: 1, int16: 0.5 }, fallback: 'error' },
    'apple-ane': { precisions: { int8: 1, fp16: 0.5 }, fallback: 'error' }, // array sized for the int8 peak
    'eyeriss-like': { precisions: { int16: 1 }, fallback: 'widen' }, // 16-bit PEs; int8 runs on them unpacked
    'eyeriss-rs': { precisions: { int16: 1 }, fallback: 'widen' }, // eyeriss-like's PEs
    'eyeriss-v2-like': { precisions: { int8: 1 }, fallback: 'error' },
    'edge-tpu-2to4': { precisions: { int8: 1, int4: 2 }, fallback: 'error' }, // what-if: Bit Fusion-style packing
    'edge-tpu-pcie': { precisions: { int8: 1 }, fallback: 'error' },
    'ethos-u55-64': { precisions: { int8: 1, int16: 0.5 }, fallback: 'error' },
    'ethos-u55-deep-embedded': { precisions: { int8: 1, int16: 0.5 }, fallback: 'error' },
    'apple-ane-a14': { precisions: { fp16: 1, int8: 1 }, fallback: 'error' }, // no faster int8 path before A17 Pro
    'apple-ane-a15': { precisions: { fp16: 1, int8: 1 }, fallback: 'error' },
    'apple-ane-a17-pro': { precisions: { int8: 1, fp16: 0.5 }, fallback: 'error' }, // apple-ane's engine (int8 fast path)
  };

  it('every preset is listed here', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PRESETS].sort());
  });

  it.each(PRESETS)('%s: declares the precisions its PEs run and what happens to others', (name) => {
    const array = arrayOf(loadArch(name));
    expect(array.precisions).toEqual(EXPECTED[name].precisions);
    expect(array.precisionFallback).toBe(EXPECTED[name].fallback);
  });

  it('only the sparse presets exploit zeros, each in the way it declares', () => {
    for (const name of ['edge-tpu', 'ethos-u55-128', 'ethos-u55-256', 'apple-ane']) {
      expect(arrayOf(loadArch(name)).sparsity).toEqual({
        weight: { mode: 'none', format: 'none' },
        input: { mode: 'none', format: 'none' },
      });
    }
    // Eyeriss: a zero input activation gates the MAC (energy saved, not the cycle).
    expect(arrayOf(loadArch('eyeriss-like')).sparsity).toEqual({
      weight: { mode: 'none', format: 'none' },
      input: { mode: 'gating', format: 'none' },
    });
    // Eyeriss v2: CSC (value + 4-bit zero count) on both operands, zeros skipped in both.
    const both = { mode: 'skipping', structures: ['unstructured'], format: 'rle' };
    expect(arrayOf(loadArch('eyeriss-v2-like')).sparsity).toEqual({ weight: both, input: both });
    expect(arrayOf(loadArch('edge-tpu-2to4')).sparsity).toEqual({
      weight: { mode: 'skipping', structures: ['2:4'], format: 'none' },
      input: { mode: 'none', format: 'none' },
    });
  });

  it.each([
    ['eyeriss-like', 'activation'],
    ['eyeriss-v2-like', 'weight'],
    ['eyeriss-v2-like', 'activation'],
    ['edge-tpu-2to4', 'weight'],
  ])('%s: its %s sparsity support says where it comes from', (name, tensor) => {
    const arch = loadArch(name);
    expect(arch.sources[`/compute/${arrayOf(arch).name}/sparsity/${tensor}`]).toMatch(/arXiv|https?:\/\//);
  });

  /** One dense layer [m × k] · [k × n] without bias. */
  const dense = (m: number, k: number, n: number, precision?: PrecisionSpec, sparsity?: SparsitySpec) =>
    buildGraph({
      version: 1,
      name: 'fc',
      inputs: { x: { shape: [m, k] } },
      layers: [
        {
          type: 'dense',
          name: 'fc',
          outFeatures: n,
          bias: false,
          ...(precision ? { precision } : {}),
          ...(sparsity ? { sparsity } : {}),
        },
      ],
    });
  // Under the array's own fold order: these are rates and counts, not the mapper's choices (the
  // search may tile int8 and int16 bytes differently).
  const run = (preset: string, precision?: PrecisionSpec, sparsity?: SparsitySpec) => {
    const arch = loadArch(preset);
    return simulate({ ...arch, options: { ...arch.options, mapping: 'fixed' } }, dense(64, 512, 256, precision, sparsity))
      .layers[0];
  };

  it('ethos-u55: an int16-activation layer runs as int16 MACs over twice the reduction', () => {
    for (const name of ['ethos-u55-128', 'ethos-u55-256']) {
      const int8 = run(name);
      const a16 = run(name, { activation: 'int16' });
      expect(a16.precision).toMatchObject({ weight: 'int8', input: 'int16', mac: 'int16' });
      expect(a16.mapping?.k).toBe(2 * int8.mapping!.k);
      expect(a16.computeCycles).toBeGreaterThan(1.9 * int8.computeCycles);
    }
  });

  it('apple-ane: fp16 at half the int8 rate', () => {
    const int8 = run('apple-ane');
    const fp16 = run('apple-ane', 'fp16');
    expect(fp16.precision.mac).toBe('fp16');
    expect(fp16.mapping?.k).toBe(2 * int8.mapping!.k);
  });

  it('edge-tpu: int4 is an error naming /compute/mxu/precisions; edge-tpu-2to4 packs it at 2×', () => {
    expect(() => run('edge-tpu', 'int4')).toThrow(UserError);
    expect(() => run('edge-tpu', 'int4')).toThrow(
      /\/compute\/mxu\/precisions: layer "fc" needs int4 MACs but the array runs only: int8/,
    );
    const int8 = run('edge-tpu-2to4');
    const int4 = run('edge-tpu-2to4', 'int4');
    expect(int4.precision.mac).toBe('int4');
    expect(int4.mapping?.k).toBe(int8.mapping!.k / 2);
    expect(int8.computeCycles).toBe(run('edge-tpu').computeCycles);
  });

  it('edge-tpu-2to4: 2:4 weights halve the reduction; unstructured ones run dense with a note', () => {
    const base = run('edge-tpu-2to4');
    const nm = run('edge-tpu-2to4', undefined, { weight: { density: 0.5, structure: '2:4' } });
    expect(nm.mapping?.k).toBe(base.mapping!.k / 2);
    expect(nm.macsIssued).toBe(base.macs / 2);
    const un = run('edge-tpu-2to4', undefined, { weight: { density: 0.5 } });
    expect(un.computeCycles).toBe(base.computeCycles);
    expect(un.sparsity.notes?.[0]).toMatch(/not exploited/);
  });

  it('eyeriss-like: an int8 layer runs on the 16-bit PEs, unpacked, and the result says so', () => {
    const l = run('eyeriss-like');
    expect(l.precision).toMatchObject({ weight: 'int8', mac: 'int16', fallback: 'int8 runs on int16 PEs, unpacked' });
    expect(run('eyeriss-like', 'int16').computeCycles).toBe(l.computeCycles);
  });

  it('eyeriss-like: zero activations save MAC energy, not cycles', () => {
    const base = run('eyeriss-like');
    const sparse = run('eyeriss-like', undefined, { activation: { density: 0.4 } });
    expect(sparse.computeCycles).toBe(base.computeCycles);
    expect(sparse.macsGated).toBeCloseTo(0.6 * base.macs, 6);
    expect(sparse.energyBreakdownJoules.mac / base.energyBreakdownJoules.mac).toBeCloseTo(0.4, 9);
  });

  it('eyeriss-v2-like: zeros in weights and activations are both skipped, and both shrink the bytes', () => {
    const base = run('eyeriss-v2-like');
    const sparse = run('eyeriss-v2-like', undefined, { weight: { density: 0.5 }, activation: { density: 0.5 } });
    expect(sparse.macsIssued).toBe(base.macs / 4);
    expect(sparse.computeCycles).toBeLessThan(0.4 * base.computeCycles);
    // rle: 8-bit value + 4-bit run per non-zero = 6 bits per element at 50% density.
    expect(sparse.dram.readByRole.weight).toBe((512 * 256 * 6) / 8);
    expect(sparse.dram.readByRole.input).toBeLessThan(base.dram.readByRole.input);
  });
});
