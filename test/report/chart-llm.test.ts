import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { renderLlmRates, renderLlmRoofline } from '../../src/report/chart-llm.js';
import { renderReport } from '../../src/report/render-report.js';
import { loadSvgKit } from '../../src/report/svg-kit.js';
import { llmSweep } from '../../src/sim/llm-sweep.js';
import { simulateLlm, type LlmRun } from '../../src/sim/simulate-llm.js';
import { resolveLlm } from '../../src/workload/llm-config.js';
import { parseWeightFormat } from '../../src/workload/weight-formats.js';

const model = resolveLlm({
  version: 1,
  name: 'small-lm',
  transformer: {
    layers: 2,
    dModel: 256,
    heads: 4,
    kvHeads: 2,
    ffn: { kind: 'swiglu', size: 512 },
    vocab: 1000,
    tiedEmbeddings: true,
    maxContext: 4096,
  },
});
const run: LlmRun = {
  phase: 'decode',
  prompt: 256,
  precision: { weights: parseWeightFormat('int4-g64', 'w'), activations: 'fp16', kv: 'int8' },
};
const arch = loadArch('apple-ane');
const sweep = llmSweep(arch, model, run);

describe('the language-model sweep', () => {
  it('steps decode over the contexts the model takes, for each batch, and prefill over three prompts', () => {
    expect(sweep.contexts).toEqual([128, 512, 2048]);
    expect(sweep.decode).toHaveLength(3 * sweep.batches.length);
    expect(sweep.prefill.map((p) => p.tokens)).toEqual([64, 256, 1024]);
  });

  it('decode sits at lower intensity than prefill, and below the off-chip roof', () => {
    const most = Math.max(...sweep.decode.filter((p) => p.batch === 1).map((p) => p.opsPerDramByte));
    expect(Math.min(...sweep.prefill.map((p) => p.opsPerDramByte))).toBeGreaterThan(most);
    for (const p of [...sweep.decode, ...sweep.prefill])
      expect(p.opsPerSecond).toBeLessThanOrEqual(
        Math.min(sweep.peakOpsPerSecond, sweep.dramBytesPerSecond! * p.opsPerDramByte) * (1 + 1e-9),
      );
  });

  it('each point is the run simulateLlm gives', () => {
    const p = sweep.decode.find((q) => q.batch === 4 && q.tokens === 512)!;
    expect(p.tokensPerSecond).toBe(simulateLlm(arch, model, { ...run, context: 512, batch: 4 }).totals.tokensPerSecond);
  });
});

describe('the language-model charts', () => {
  it('draw a point per run, labelled axes and both roofs', async () => {
    const kit = await loadSvgKit();
    const rates = renderLlmRates(sweep, kit);
    expect(rates.match(/<circle[^>]*data-batch=/g)).toHaveLength(2 * sweep.decode.length);
    expect(rates).toContain('decode rate (tokens/s, all sequences)');
    expect(rates).toContain('energy per generated token (J)');
    const roof = renderLlmRoofline(sweep, kit);
    expect(roof.match(/data-phase="decode"/g)).toHaveLength(sweep.decode.length);
    expect(roof.match(/data-phase="prefill"/g)).toHaveLength(sweep.prefill.length);
    expect(roof).toContain('data-roof="compute"');
    expect(roof).toContain('data-roof="dram"');
    expect(roof).toContain('arithmetic intensity (operations per off-chip byte, log scale)');
  });

  it('join the report page when a sweep is given', async () => {
    const result = simulateLlm(arch, model, run);
    const { files } = await renderReport(result, { llm: sweep });
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['llm-rates.svg', 'llm-roofline.svg']));
    expect(files['index.html']).toContain('Language model: decode against prefill');
    expect(files['index.html']).toMatch(
      /<h2>Language model<\/h2>\n<p class="note">language model: small-lm, decode of 1 token after 1024/,
    );
    expect(Object.keys((await renderReport(result)).files)).not.toContain('llm-rates.svg');
  });
});
