import { peakOpsPerSecond, type Arch } from '../hardware/arch.js';
import type { LlmModel } from '../workload/llm-config.js';
import type { SimResult } from './result.js';
import { DEFAULT_PROMPT, simulateLlm, type LlmRun } from './simulate-llm.js';

/** One run of a sweep: its phase, lengths and batch, and where it lands. */
export interface LlmSweepPoint {
  readonly phase: 'prefill' | 'decode';
  /** Decode: tokens in the cache; prefill: the prompt. */
  readonly tokens: number;
  readonly batch: number;
  readonly tokensPerSecond: number;
  readonly joulesPerToken: number;
  /** Achieved operations per second (2 per MAC) and per off-chip byte. */
  readonly opsPerSecond: number;
  readonly opsPerDramByte: number;
  readonly memoryBoundFraction: number;
}

/** Decode over contexts and batches, and prefill over prompt lengths, of one model on one arch. */
export interface LlmSweep {
  readonly model: string;
  readonly arch: string;
  readonly precision: string;
  readonly peakOpsPerSecond: number;
  /** The off-chip bandwidth, or null when ideal. */
  readonly dramBytesPerSecond: number | null;
  readonly contexts: readonly number[];
  readonly batches: readonly number[];
  readonly decode: readonly LlmSweepPoint[];
  readonly prefill: readonly LlmSweepPoint[];
}

/** Context lengths a sweep tries: 128 to 8192 in steps of 4×, within the model's maximum. */
const CONTEXTS = [128, 512, 2048, 8192];
const BATCHES = [1, 4, 16];

/**
 * Simulates the grid a designer reads tokens/s and J/token from: one decode step at each
 * context × batch, and the prefill of 1/4×, 1× and 4× the run's prompt at batch 1, each with the
 * run's number formats.
 */
export function llmSweep(arch: Arch, model: LlmModel, run: LlmRun): LlmSweep {
  const contexts = CONTEXTS.filter((c) => c + 1 <= model.maxContext);
  const prompt = run.prompt ?? DEFAULT_PROMPT;
  const prompts = [...new Set([Math.max(1, prompt >> 2), prompt, prompt * 4])].filter((p) => p <= model.maxContext);
  const point = (phase: 'prefill' | 'decode', tokens: number, batch: number, r: SimResult): LlmSweepPoint => {
    const bytes = r.totals.dramBytes.read + r.totals.dramBytes.write;
    return {
      phase,
      tokens,
      batch,
      tokensPerSecond: r.llm!.tokensPerSecond,
      joulesPerToken: r.llm!.joulesPerToken,
      opsPerSecond: (2 * r.totals.macs) / r.totals.seconds,
      opsPerDramByte: bytes > 0 ? (2 * r.totals.macs) / bytes : 0,
      memoryBoundFraction: r.llm!.memoryBoundFraction,
    };
  };
  const base = { precision: run.precision, beams: run.beams };
  const decode = BATCHES.flatMap((batch) =>
    contexts.map((c) => point('decode', c, batch, simulateLlm(arch, model, { ...base, phase: 'decode', context: c, batch }))),
  );
  const prefill = prompts.map((p) =>
    point('prefill', p, 1, simulateLlm(arch, model, { ...base, phase: 'prefill', prompt: p, batch: 1 })),
  );
  const pr = run.precision;
  return {
    model: model.name,
    arch: arch.name,
    precision: `weights ${pr.weights.name}, activations ${pr.activations}, KV ${pr.kv}`,
    peakOpsPerSecond: peakOpsPerSecond(arch),
    dramBytesPerSecond: arch.dram.ideal ? null : arch.dram.bytesPerSecond,
    contexts,
    batches: BATCHES,
    decode,
    prefill,
  };
}
