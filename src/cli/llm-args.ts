import { fail } from '../config/user-error.js';
import type { LlmRun } from '../sim/simulate-llm.js';
import { parseWeightFormat } from '../workload/weight-formats.js';

/** The flags of a language-model run. */
export interface LlmArgs {
  phase?: string;
  prompt?: number;
  context?: number;
  tokens?: number;
  batch?: number;
  beams?: number;
  weights?: string;
  activations?: string;
  kvPrecision?: string;
  precision?: string;
  prune?: number;
  weightDensity?: number;
  activationDensity?: number;
  sparsityStructure?: string;
}

const ACTIVATIONS = ['fp16', 'bf16', 'int8'] as const;
const KV = ['fp16', 'int8', 'int4'] as const;

/**
 * The run the flags ask for. `--precision w4a16` is shorthand for `--weights int4 --activations
 * fp16` (one scale per output channel); the pruning what-ifs are for layer graphs only.
 */
export function llmRunFromArgs(a: LlmArgs): LlmRun {
  for (const [flag, v] of [
    ['--prune', a.prune],
    ['--weight-density', a.weightDensity],
    ['--activation-density', a.activationDensity],
    ['--sparsity-structure', a.sparsityStructure],
  ] as const)
    if (v !== undefined) fail(flag, undefined, 'sparsity what-ifs apply to layer graphs, not to language models');
  const phase = a.phase ?? 'decode';
  if (phase !== 'prefill' && phase !== 'decode') fail('--phase', undefined, `expected prefill or decode; got "${phase}"`);
  if (phase === 'prefill' && (a.context !== undefined || a.tokens !== undefined))
    fail(a.context !== undefined ? '--context' : '--tokens', undefined, 'is for --phase decode; prefill takes --prompt');
  if (phase === 'decode' && a.prompt !== undefined)
    fail('--prompt', undefined, 'is for --phase prefill; decode takes --context and --tokens');
  let weights = a.weights;
  let activations = a.activations;
  if (a.precision !== undefined) {
    const wa = /^w(4|8|16)a(8|16)$/.exec(a.precision);
    if (!wa || weights !== undefined || activations !== undefined)
      fail(
        '--precision',
        undefined,
        `for a language model, expected w4a16, w8a16, w16a16, w8a8 or w4a8 (and not with --weights/--activations); got "${a.precision}"`,
      );
    weights = wa[1] === '16' ? 'fp16' : `int${wa[1]}`;
    activations = wa[2] === '16' ? 'fp16' : 'int8';
  }
  const act = activations ?? 'fp16';
  if (!(ACTIVATIONS as readonly string[]).includes(act))
    fail('--activations', undefined, `expected ${ACTIVATIONS.join(', ')}; got "${act}"`);
  const kv = a.kvPrecision ?? 'fp16';
  if (!(KV as readonly string[]).includes(kv)) fail('--kv-precision', undefined, `expected ${KV.join(', ')}; got "${kv}"`);
  return {
    phase,
    prompt: a.prompt,
    context: a.context,
    tokens: a.tokens,
    batch: a.batch,
    beams: a.beams,
    precision: {
      weights: parseWeightFormat(weights ?? 'int8', '--weights'),
      activations: act as (typeof ACTIVATIONS)[number],
      kv: kv as (typeof KV)[number],
    },
  };
}
