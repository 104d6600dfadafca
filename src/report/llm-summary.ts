import type { LlmFigures } from '../sim/result.js';
import { formatBytes, formatPercent, formatSI } from './format.js';

/** The per-token lines of a language-model run, for the text summary. */
export function llmLines(l: LlmFigures): string[] {
  const run =
    l.phase === 'prefill'
      ? `prefill of ${l.prompt} prompt tokens × batch ${l.batch}`
      : `decode of ${l.tokens} token${l.tokens === 1 ? '' : 's'} after ${l.context} in context × batch ${l.batch}${l.beams > 1 ? ` × ${l.beams} beams` : ''}`;
  const time =
    l.timeToFirstTokenSeconds !== null
      ? `time to first token ${formatSI(l.timeToFirstTokenSeconds, 's')} (${formatSI(l.timeToFirstTokenSeconds / l.prompt, 's')} per prompt token)`
      : `time per output token ${formatSI(l.timePerOutputTokenSeconds!, 's')}`;
  return [
    `language model: ${l.model}, ${run}; ${l.precision.weightsDescription} (${l.precision.bitsPerWeight.toFixed(3)} bits/weight), activations ${l.precision.activations}, KV cache ${l.precision.kvCache}`,
    `  ${time}; ${l.tokensPerSecond.toPrecision(4)} tokens/s; ${formatSI(l.joulesPerToken, 'J')}/token`,
    `  weights ${formatBytes(l.weightBytes)}; KV cache ${formatBytes(l.kvCacheBytes)} in ${l.kvCacheLevel}; ${formatBytes(l.dramBytesPerToken)} off chip per token; ${formatPercent(l.memoryBoundFraction)} of the time memory-bound`,
  ];
}
