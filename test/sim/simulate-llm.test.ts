import { describe, expect, it } from '@jest/globals';
import { presetDir } from '../../src/config/paths.js';
import { listBuiltins } from '../../src/config/resolve-extends.js';
import { UserError } from '../../src/config/user-error.js';
import type { Arch } from '../../src/hardware/arch.js';
import { archFromDocument, loadArch } from '../../src/load/load-arch.js';
import { loadLlm } from '../../src/load/load-llm.js';
import type { SimResult } from '../../src/sim/result.js';
import { simulateLlm, type LlmRun } from '../../src/sim/simulate-llm.js';
import type { LlmModel } from '../../src/workload/llm-config.js';
import type { LlmPrecision } from '../../src/workload/transformer.js';
import { parseWeightFormat } from '../../src/workload/weight-formats.js';
import { userErrorOf } from '../helpers/user-error.js';

const A16: LlmPrecision = { weights: parseWeightFormat('int8', 'w'), activations: 'fp16', kv: 'fp16' };
const A8: LlmPrecision = { weights: parseWeightFormat('int8', 'w'), activations: 'int8', kv: 'int8' };
const ane = loadArch('apple-ane');
const qwen = loadLlm('qwen2.5-0.5b');
const llama1b = loadLlm('llama-3.2-1b');

const decode = (arch: Arch, m: LlmModel, context: number, over: Partial<LlmRun> = {}): SimResult =>
  simulateLlm(arch, m, { phase: 'decode', context, precision: A16, ...over });

/** A preset's decode step in the first precision its compute runs (fp16 activations, else int8), or the reason it runs none. */
function decodeOnPreset(arch: Arch, m: LlmModel, context: number): SimResult | string {
  for (const precision of [A16, A8]) {
    try {
      return decode(arch, m, context, { precision });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      if (precision === A8) return err.message;
    }
  }
  return 'unreachable';
}

describe('decode physics over presets and models', () => {
  // The macro-* presets are single compute-in-memory macros for the comparison with silicon, not
  // chips that would hold a language model.
  const presets = listBuiltins(presetDir()).filter((p) => !p.startsWith('macro-'));
  const ran: string[] = [];
  const skipped: string[] = [];
  it.each(presets.flatMap((p) => [qwen, llama1b].map((m) => [p, m.name, m] as const)))(
    '%s, %s: tokens/s × bytes per token stays within every memory level’s bandwidth',
    (preset, _name, m) => {
      const arch = loadArch(preset);
      const r = decodeOnPreset(arch, m, 32);
      if (typeof r === 'string') {
        skipped.push(`${preset}: ${r}`);
        return;
      }
      ran.push(preset);
      const llm = r.llm!;
      // The weights come from off chip unless the arch pins them: that level's bandwidth bounds the rate.
      if (!arch.dram.ideal)
        expect(llm.tokensPerSecond * llm.dramBytesPerToken).toBeLessThanOrEqual(arch.dram.bytesPerSecond * (1 + 1e-9));
      for (const level of r.arch.memory) {
        if (level.bytesPerSecond === null || !level.timed) continue;
        const read = r.totals.memory[level.name]?.readBytes ?? 0;
        expect(read / r.totals.seconds).toBeLessThanOrEqual(level.bytesPerSecond * (1 + 1e-9));
      }
      expect(llm.tokensPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(llm.joulesPerToken)).toBe(true);
    },
  );
  it('ran on most presets', () => {
    expect(ran.length).toBeGreaterThanOrEqual(2 * 8);
    // Only a compute that runs neither precision is skipped (none of today's presets).
    // Skipped only where the compute runs neither precision, or where a flash-backed MCU has no
    // room for the cache beside the layers' working sets (the Ethos-U55 presets' 2 MiB arena).
    expect(skipped.every((s) => /needs \w+ MACs|KV cache fits no memory/.test(s))).toBe(true);
  });
});

describe('decode time per token', () => {
  const tpot = (context: number, kv: LlmPrecision['kv']) =>
    decode(ane, llama1b, context, { precision: { ...A16, kv } }).llm!.timePerOutputTokenSeconds!;

  it('grows with context, and faster with a wider KV cache', () => {
    const contexts = [512, 2048, 8192];
    const slopes = (['int4', 'int8', 'fp16'] as const).map((kv) => {
      const t = contexts.map((c) => tpot(c, kv));
      expect(t[1]).toBeGreaterThan(t[0]);
      expect(t[2]).toBeGreaterThan(t[1]);
      return (t[2] - t[0]) / (contexts[2] - contexts[0]);
    });
    expect(slopes[1]).toBeGreaterThan(slopes[0]);
    expect(slopes[2]).toBeGreaterThan(slopes[1]);
  });

  it('over several tokens is the mean of the first and last steps', () => {
    const many = decode(ane, qwen, 1000, { tokens: 101 }).llm!;
    const first = decode(ane, qwen, 1000).llm!.timePerOutputTokenSeconds!;
    const last = decode(ane, qwen, 1100).llm!.timePerOutputTokenSeconds!;
    expect(many.timePerOutputTokenSeconds).toBeCloseTo((first + last) / 2, 12);
    expect(many.kvCacheBytes).toBe(2 * 24 * 2 * 1101 * 64 * 2);
  });
});

describe('phases agree', () => {
  it('prefill of one token is one decode step at context 0', () => {
    const p = simulateLlm(ane, llama1b, { phase: 'prefill', prompt: 1, precision: A16 });
    const d = decode(ane, llama1b, 0);
    expect(p.totals.cycles).toBe(d.totals.cycles);
    expect(p.totals.energyJoules).toBeCloseTo(d.totals.energyJoules, 15);
    expect(p.llm!.timeToFirstTokenSeconds).toBe(d.llm!.timePerOutputTokenSeconds);
    expect(p.totals.dramBytes).toEqual(d.totals.dramBytes);
  });

  it('prefill reports time to first token and prompt tokens per second', () => {
    const p = simulateLlm(ane, qwen, { phase: 'prefill', prompt: 64, batch: 2, precision: A16 });
    expect(p.llm!.timeToFirstTokenSeconds).toBe(p.totals.seconds);
    expect(p.totals.tokensPerSecond).toBeCloseTo(128 / p.totals.seconds, 9);
    expect(p.totals.joulesPerToken).toBeCloseTo(p.totals.energyJoules / 128, 15);
  });

  it('beams multiply the cache but not the tokens', () => {
    const one = decode(ane, qwen, 512);
    const four = decode(ane, qwen, 512, { beams: 4 });
    expect(four.llm!.kvCacheBytes).toBe(4 * one.llm!.kvCacheBytes);
    expect(four.totals.tokensPerSecond).toBeCloseTo(1 / four.totals.seconds, 9);
  });
});

describe('the KV cache', () => {
  const withKv = (kvHeads: number): LlmModel => ({ ...llama1b, kvHeads });
  it('fewer KV heads never increase its bytes, nor the bytes a step reads', () => {
    const runs = [8, 4, 2, 1].map((h) => decode(ane, withKv(h), 2048).llm!);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].kvCacheBytes).toBeLessThanOrEqual(runs[i - 1].kvCacheBytes);
      expect(runs[i].dramBytesPerToken).toBeLessThanOrEqual(runs[i - 1].dramBytesPerToken);
    }
    expect(runs[3].kvCacheBytes).toBe(runs[0].kvCacheBytes / 8);
  });

  it('lives on chip where it fits, else off chip', () => {
    const short = decode(ane, qwen, 16).llm!;
    expect(short.kvCacheBytes).toBeLessThan(1 << 20);
    expect(short.kvCacheLevel).toBe('l2');
    expect(decode(ane, qwen, 4096).llm!.kvCacheLevel).toBe('dram');
  });

  it('that fits no memory (flash behind a small SRAM) is refused naming the arch', () => {
    const u55 = loadArch('ethos-u55-128');
    const e = userErrorOf(() => decode(u55, qwen, 4096, { precision: A8 }));
    expect(e.problems[0].path).toBe('/memory/sram');
    expect(e.message).toMatch(/KV cache fits no memory/);
  });

  it('a context past the model’s maximum is refused naming /transformer/maxContext', () => {
    const e = userErrorOf(() => decode(ane, qwen, 32768));
    expect(e.problems[0].path).toBe('/transformer/maxContext');
    expect(e.message).toMatch(/at most 32768/);
  });
});

describe('weight formats move their bits', () => {
  it('a decode step reads each weight at its format’s bits, scales included', () => {
    const bytesOf = (w: string) => {
      const r = decode(ane, qwen, 64, { precision: { ...A16, weights: parseWeightFormat(w, 'w') } });
      return r.layers.find((l) => l.name === 'layers.0.gate_proj')!.dram.readByRole.weight;
    };
    // gate_proj: 896 × 4864 weights.
    const n = 896 * 4864;
    expect(bytesOf('fp16')).toBe(2 * n);
    expect(bytesOf('int4-g128')).toBe((n * 4.125) / 8);
    expect(bytesOf('mxfp4')).toBe((n * 4.25) / 8);
    expect(bytesOf('mxfp6')).toBe((n * 6.25) / 8);
    expect(bytesOf('pal2')).toBeCloseTo((n * (2 + 64 / 896)) / 8, 3);
  });

  it('lower bits cost fewer joules per token', () => {
    const j = ['fp16', 'mxint8', 'int4-g128', 'pal2'].map(
      (w) => decode(ane, qwen, 256, { precision: { ...A16, weights: parseWeightFormat(w, 'w') } }).totals.joulesPerToken!,
    );
    for (let i = 1; i < j.length; i++) expect(j[i]).toBeLessThan(j[i - 1]);
  });
});

describe('an array that cannot decode packed weights', () => {
  it('moves them at its MAC precision (weightDecode "expand"), where one that decodes them moves the packed bits', () => {
    const spec = JSON.parse(JSON.stringify(ane.document)) as { compute: { ne: Record<string, unknown> } };
    spec.compute.ne.weightDecode = 'expand';
    const expanding = archFromDocument(spec, presetDir());
    const gate = (arch: Arch) =>
      decode(arch, qwen, 64, { precision: { ...A16, weights: parseWeightFormat('pal3', 'w') } }).layers.find(
        (l) => l.name === 'layers.0.gate_proj',
      )!.dram.readByRole.weight;
    const n = 896 * 4864;
    expect(gate(ane)).toBeCloseTo((n * (3 + (8 * 16) / 896)) / 8, 3);
    // The MACs run in fp16 (fp16 activations): the palette is widened to 2 bytes a weight.
    expect(gate(expanding)).toBe(2 * n);
  });
});
