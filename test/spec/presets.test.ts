import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArch, peakOpsPerSecond } from '../../src/spec/arch.js';
import { presetDir } from '../../src/spec/paths.js';

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
};

const PRESETS = Object.keys(PUBLISHED);

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
    expect(arch.array!.foldTiming).toBe('pipelined');
    expect(arch.vector).toBeDefined();
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
    expect(arch.sources[`/compute/${arch.array!.name}/rows`]).toEqual(expect.any(String));
    expect(arch.sources[`/compute/${arch.array!.name}/cols`]).toEqual(expect.any(String));
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
      bytesPerSecond: 0.4e9,
    });
    expect(edge.options.cacheWeights).toBe(true);

    for (const name of ['ethos-u55-128', 'ethos-u55-256']) {
      const u55 = loadArch(name);
      expect(u55.sram.map((b) => [b.name, b.bytes])).toEqual([['arena', 2 * 2 ** 20]]);
      expect(u55.dram.bytesPerSecond).toBe(0.5e9);
      expect(u55.options.cacheWeights).toBe(false);
      expect(u55.array!.cols).toBe(8);
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
    expect([eyeriss.array!.rows, eyeriss.array!.cols]).toEqual([12, 14]);
    expect(eyeriss.sram.map((b) => [b.name, b.bytes])).toEqual([['glb', 108 * 1024]]);
    expect(eyeriss.clockHz).toBe(200e6);
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
      expect(arch.array).toEqual(base.array);
      expect(arch.vector).toEqual(base.vector);
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
