import { fail } from '../config/user-error.js';
import { residencyOf, type Arch } from '../hardware/arch.js';
import type { LlmModel } from '../workload/llm-config.js';
import { graphParams, transformerGraph, type LlmPrecision, type TransformerStep } from '../workload/transformer.js';
import { describeWeightFormat } from '../workload/weight-formats.js';
import { precisionBits } from '../workload/precision.js';
import type { LlmFigures, SimResult } from './result.js';
import { simulate, type SimulateOptions } from './simulate.js';

/** What to run of a language model: a phase, its lengths, how many sequences, and the number formats. */
export interface LlmRun {
  readonly phase: 'prefill' | 'decode';
  /** Prefill: prompt tokens per sequence. */
  readonly prompt?: number;
  /** Decode: tokens already in the KV cache when generation starts. */
  readonly context?: number;
  /** Decode: tokens to generate per sequence (default 1). */
  readonly tokens?: number;
  readonly batch?: number;
  /** Beam search: each sequence carries this many candidates, each with its own cache (decode). */
  readonly beams?: number;
  readonly precision: LlmPrecision;
}

/** Prompt length when none is given. */
export const DEFAULT_PROMPT = 512;
/** Context when none is given. */
export const DEFAULT_CONTEXT = 1024;

/**
 * Simulates a phase of a decoder-only language model. Prefill runs the prompt through once:
 * its time is the time to first token. Decode runs one step per generated token; the first and
 * last steps are simulated and the others lie between them (a step's extra work over the one
 * before is attention over one more cached token, linear in the cache length).
 */
export function simulateLlm(arch: Arch, model: LlmModel, run: LlmRun, options: SimulateOptions = {}): SimResult {
  const batch = whole(run.batch ?? 1, '--batch', 1);
  const beams = whole(run.beams ?? 1, '--beams', 1);
  const modelAt = model.file ?? `model "${model.name}"`;
  const tooLong = (flag: string, n: number) =>
    fail(
      modelAt,
      '/transformer/maxContext',
      `${flag} asks for ${n} tokens of context but ${model.name} handles at most ${model.maxContext}; expected at most ${model.maxContext}`,
    );
  if (run.phase === 'prefill') {
    const prompt = whole(run.prompt ?? DEFAULT_PROMPT, '--prompt', 1);
    if (prompt > model.maxContext) tooLong('--prompt', prompt);
    const step: TransformerStep = { phase: 'prefill', rows: prompt, past: 0, sequences: batch, precision: run.precision };
    const result = runStep(arch, model, step, options);
    const tokens = batch * prompt;
    return withFigures(arch, model, result, [result], step, {
      prompt,
      context: 0,
      tokens: 0,
      batch,
      beams,
      kvTokens: prompt,
      sequences: batch,
      timeToFirstTokenSeconds: result.totals.seconds,
      timePerOutputTokenSeconds: null,
      tokensPerSecond: tokens / result.totals.seconds,
      joulesPerToken: result.totals.energyJoules / tokens,
      perToken: tokens,
    });
  }
  const context = whole(run.context ?? DEFAULT_CONTEXT, '--context', 0);
  const tokens = whole(run.tokens ?? 1, '--tokens', 1);
  if (context + tokens > model.maxContext)
    tooLong(tokens > 1 ? `--context ${context} plus --tokens ${tokens}` : '--context', context + tokens);
  const sequences = batch * beams;
  const stepAt = (past: number): TransformerStep => ({ phase: 'decode', rows: 1, past, sequences, precision: run.precision });
  const first = runStep(arch, model, stepAt(context), options);
  const last = tokens > 1 ? runStep(arch, model, stepAt(context + tokens - 1), { ...options, trace: undefined }) : first;
  const seconds = (first.totals.seconds + last.totals.seconds) / 2;
  const joules = (first.totals.energyJoules + last.totals.energyJoules) / 2;
  return withFigures(arch, model, first, [first, last], stepAt(context), {
    prompt: 0,
    context,
    tokens,
    batch,
    beams,
    kvTokens: context + tokens,
    sequences,
    timeToFirstTokenSeconds: null,
    timePerOutputTokenSeconds: seconds,
    // Each step moves every sequence on by one token; beams are candidates of one sequence.
    tokensPerSecond: batch / seconds,
    joulesPerToken: joules / batch,
    perToken: batch,
  });
}

function runStep(arch: Arch, model: LlmModel, step: TransformerStep, options: SimulateOptions): SimResult {
  const graph = transformerGraph(model, step);
  const result = simulate(arch, graph, options);
  checkCachePlaced(arch, result);
  return result;
}

/** Where the KV cache was read from: on chip when no attention layer read its cache operand off chip. */
function cacheLevel(arch: Arch, result: SimResult): string {
  const attention = result.layers.filter((l) => /\.attn_(scores|context)$/.test(l.name));
  const offChip = attention.some((l) => l.dram.readByRole.weight > 0);
  return offChip ? arch.dram.kind : residencyOf(arch, 'input').name;
}

/** Flash is read-only: a cache that does not fit on chip has nowhere to live. */
function checkCachePlaced(arch: Arch, result: SimResult): void {
  if (arch.dram.kind !== 'flash' || cacheLevel(arch, result) !== 'flash') return;
  fail(
    arch.origin,
    '/memory/sram',
    `the KV cache fits no memory of this arch: it does not fit in its on-chip SRAM beside the layers' working sets, and its off-chip memory is flash, which cannot be written at run time; expected more on-chip SRAM, a shorter --context, fewer --batch/--beams or a narrower --kv-precision`,
  );
}

interface Figures {
  readonly prompt: number;
  readonly context: number;
  readonly tokens: number;
  readonly batch: number;
  readonly beams: number;
  readonly kvTokens: number;
  readonly sequences: number;
  readonly timeToFirstTokenSeconds: number | null;
  readonly timePerOutputTokenSeconds: number | null;
  readonly tokensPerSecond: number;
  readonly joulesPerToken: number;
  /** Tokens one simulated pass produces (what its bytes are divided by). */
  readonly perToken: number;
}

function withFigures(
  arch: Arch,
  model: LlmModel,
  result: SimResult,
  steps: readonly SimResult[],
  step: TransformerStep,
  f: Figures,
): SimResult {
  const p = step.precision;
  const graph = transformerGraph(model, step);
  let weightBits = 0;
  let weightElements = 0;
  for (const l of graph.layers) {
    if (l.weightBits === undefined) continue;
    weightBits += (l.weightElements + l.biasElements) * l.weightBits;
    weightElements += l.weightElements + l.biasElements;
  }
  const mean = (g: (r: SimResult) => number) => steps.reduce((s, r) => s + g(r), 0) / steps.length;
  const dramRead = mean((r) => r.totals.dramBytes.read);
  const dramBytes = mean((r) => r.totals.dramBytes.read + r.totals.dramBytes.write);
  const kvCacheBytes = 2 * model.layers * f.sequences * model.kvHeads * f.kvTokens * model.headDim * (precisionBits(p.kv) / 8);
  const llm: LlmFigures = {
    model: model.name,
    phase: step.phase,
    prompt: f.prompt,
    context: f.context,
    tokens: f.tokens,
    batch: f.batch,
    beams: f.beams,
    params: graphParams(graph, model),
    precision: {
      weights: p.weights.name,
      weightsDescription: describeWeightFormat(p.weights),
      bitsPerWeight: weightElements > 0 ? weightBits / weightElements : 0,
      activations: p.activations,
      kvCache: p.kv,
    },
    weightBytes: weightBits / 8,
    kvCacheBytes,
    kvCacheLevel: cacheLevel(arch, result),
    timeToFirstTokenSeconds: f.timeToFirstTokenSeconds,
    timePerOutputTokenSeconds: f.timePerOutputTokenSeconds,
    tokensPerSecond: f.tokensPerSecond,
    joulesPerToken: f.joulesPerToken,
    dramBytesPerToken: dramRead / f.perToken,
    memoryBoundFraction: mean(memoryBound),
    opsPerDramByte: dramBytes > 0 ? (2 * mean((r) => r.totals.macs)) / dramBytes : 0,
  };
  return { ...result, totals: { ...result.totals, tokensPerSecond: f.tokensPerSecond, joulesPerToken: f.joulesPerToken }, llm };
}

/** Share of a pass's time spent in layers bound by memory. */
function memoryBound(r: SimResult): number {
  if (r.totals.seconds <= 0) return 0;
  return r.layers.reduce((s, l) => s + (l.bound === 'memory' ? l.seconds : 0), 0) / r.totals.seconds;
}

function whole(n: number, flag: string, min: number): number {
  if (!Number.isInteger(n) || n < min || n > 100_000_000)
    fail(flag, undefined, `expected a whole number from ${min} to 100,000,000; got ${n}`);
  return n;
}
