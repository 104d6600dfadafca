import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareLlmRows, llmValidationMarkdown, type PublishedLlmRow } from '../../src/accuracy/compare-llm.js';
import { peakOpsPerSecond } from '../../src/hardware/arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadLlm } from '../../src/load/load-llm.js';

const reference = JSON.parse(readFileSync('reference/hardware/published-llm.json', 'utf8')) as { rows: PublishedLlmRow[] };

describe('published language-model rates', () => {
  const compared = compareLlmRows(reference.rows, loadArch, loadLlm);

  it("Apple's on-device model on iPhone 15 Pro: prefill and decode within 2× on the A17 Pro preset", () => {
    const apple = compared.filter((r) => r.id.startsWith('apple-afm-2024/'));
    expect(apple.map((r) => r.phase).sort()).toEqual(['decode', 'prefill']);
    for (const r of apple) {
      expect(r.preset).toBe('apple-ane-a17-pro');
      expect(r.fitted).toBe(false);
      // Palettized weights are decompressed to fp16 for the matmul, so both rows run at fp16.
      expect(r.activations).toBe('fp16');
      expect(Math.abs(Math.log(r.simulatedMsPerToken / r.msPerToken))).toBeLessThanOrEqual(Math.log(2));
    }
  });

  it('no row runs faster than its off-chip bytes allow, nor above the array peak', () => {
    for (const r of compared) {
      expect(r.simulatedMsPerToken).toBeGreaterThanOrEqual(r.streamMsPerToken * (1 - 1e-9));
      expect(r.opsPerSecond).toBeLessThanOrEqual(peakOpsPerSecond(loadArch(r.preset)));
    }
  });

  it('docs/validation.md shows the table validate:hw writes (run `npm run validate:hw` after changing a preset or model)', () => {
    expect(readFileSync('docs/validation.md', 'utf8')).toContain(llmValidationMarkdown(compared));
  });

  it('each row names its source and simulates to a finite rate', () => {
    for (const r of compared) {
      expect(r.source).toMatch(/https?:\/\//);
      expect(Number.isFinite(r.simulatedMsPerToken) && r.simulatedMsPerToken > 0).toBe(true);
      expect(r.error).toBeCloseTo((r.simulatedMsPerToken - r.msPerToken) / r.msPerToken, 12);
    }
  });
});
