import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const scratch = mkdtempSync(join(tmpdir(), 'picojoule-llm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A user's model file with `over` merged into its transformer. */
function modelFile(name: string, over: Record<string, unknown>): string {
  const file = join(scratch, `${name}.json`);
  const transformer = {
    layers: 2,
    dModel: 64,
    heads: 4,
    kvHeads: 2,
    ffn: { kind: 'swiglu', size: 128 },
    vocab: 100,
    tiedEmbeddings: true,
    maxContext: 512,
    ...over,
  };
  writeFileSync(file, JSON.stringify({ version: 1, name, transformer }));
  return file;
}

describe('simulate a language model', () => {
  it('gives tokens/s and J/token for Llama 3.2 1B decoding at 1024 tokens of context', async () => {
    const r = await run([
      'simulate',
      '-a',
      'apple-ane',
      '-w',
      'llama-3.2-1b',
      '--phase',
      'decode',
      '--context',
      '1024',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.totals.tokensPerSecond).toBeGreaterThan(1);
    expect(doc.totals.joulesPerToken).toBeGreaterThan(0);
    expect(doc.llm).toMatchObject({ model: 'llama-3.2-1b', phase: 'decode', context: 1024, kvCacheLevel: 'dram' });
    expect(doc.totals.tokensPerSecond).toBeCloseTo(1 / doc.totals.seconds, 9);
  });

  it('prints time to first token for a prefill, from a user model file', async () => {
    const r = await run([
      'simulate',
      '-a',
      'apple-ane',
      '-w',
      modelFile('small', {}),
      '--phase',
      'prefill',
      '--prompt',
      '32',
      '--weights',
      'mxfp4',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/time to first token .*per prompt token/);
    expect(r.out).toMatch(/OCP MXFP4: 4-bit elements in blocks of 32 sharing an 8-bit scale/);
  });

  it('takes w4a16 as int4 weights with fp16 activations', async () => {
    const r = await run([
      'simulate',
      '-a',
      'apple-ane',
      '-w',
      'qwen2.5-0.5b',
      '--context',
      '64',
      '--precision',
      'w4a16',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).llm.precision).toMatchObject({ weights: 'int4', activations: 'fp16' });
  });
});

describe('bad language-model input exits 2 with the place', () => {
  it.each([
    [
      'heads that do not divide dModel',
      () => ['-w', modelFile('bad-heads', { heads: 6, kvHeads: 2 })],
      /bad-heads\.json: \/transformer\/heads: 6 heads do not divide dModel 64/,
    ],
    [
      'KV heads that do not divide heads',
      () => ['-w', modelFile('bad-kv', { kvHeads: 3 })],
      /bad-kv\.json: \/transformer\/kvHeads: 3 key\/value heads/,
    ],
    [
      'a context past the maximum',
      () => ['-w', 'qwen2.5-0.5b', '--context', '40000'],
      /qwen2\.5-0\.5b\.json: \/transformer\/maxContext: --context asks for 40001 tokens/,
    ],
    [
      'a KV cache that fits no memory',
      () => ['-a', 'ethos-u55-128', '-w', 'qwen2.5-0.5b', '--context', '4096', '--activations', 'int8', '--kv-precision', 'int8'],
      /ethos-u55-128\.json: \/memory\/sram: the KV cache fits no memory/,
    ],
    [
      '--phase on a layer graph',
      () => ['-w', 'mobilenet-v2', '--phase', 'decode'],
      /--phase: "mobilenet-v2" is not a language model/,
    ],
    ['an unknown weight format', () => ['-w', 'qwen2.5-0.5b', '--weights', 'int3'], /--weights: unknown weight format "int3"/],
    ['a bad phase', () => ['-w', 'qwen2.5-0.5b', '--phase', 'train'], /--phase: expected prefill or decode/],
  ])('%s', async (_kind, args, says) => {
    const argv = args();
    const r = await run(['simulate', ...(argv.includes('-a') ? [] : ['-a', 'apple-ane']), ...argv, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(says);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('a language-model result', () => {
  it('replays from its record, flags and all, to the same numbers', async () => {
    const out = join(scratch, 'run1');
    const first = await run([
      'simulate',
      '-a',
      'apple-ane',
      '-w',
      'qwen2.5-0.5b',
      '--context',
      '300',
      '--kv-precision',
      'int8',
      '--weights',
      'mxfp6',
      '--out',
      out,
      '--json',
    ]);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.out);
    expect(doc.run.llm).toEqual({ context: 300, kvPrecision: 'int8', weights: 'mxfp6' });
    const again = await run(['simulate', '--replay', join(out, 'result.json'), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).totals).toEqual(doc.totals);
  });
});
