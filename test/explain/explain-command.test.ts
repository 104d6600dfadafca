import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { projectRoot } from '../../src/config/paths.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'picojoule-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('picojoule explain von-neumann', () => {
  it('writes the page, its charts and both results, and prints the commentary', async () => {
    const out = join(dir, 'ok');
    const r = await cli('explain', 'von-neumann', '--workload', 'ds-cnn', '--out', out, '--sweep-bandwidth');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(join(out, 'index.html'));
    expect(r.out).toContain('Where the joules go:');
    expect(readdirSync(out).sort()).toEqual(
      [
        'bytes-per-mac.svg',
        'energy-groups.svg',
        'explain.json',
        'index.html',
        'result-imc.json',
        'result-npu.json',
        'roofline-imc.svg',
        'roofline-npu.svg',
        'sweep-energy.svg',
        'sweep-latency.svg',
      ].sort(),
    );
    const npu = JSON.parse(readFileSync(join(out, 'result-npu.json'), 'utf8'));
    expect(npu.arch.name).toBe('edge-tpu');
    expect(JSON.parse(readFileSync(join(out, 'result-imc.json'), 'utf8')).arch.name).toBe('sram-cim');
  });

  it('takes other designs by preset name', async () => {
    const out = join(dir, 'reram');
    const r = await cli('explain', 'von-neumann', '-w', 'tiny', '--npu', 'ethos-u55-128', '--imc', 'reram-cim', '-o', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'result-imc.json'), 'utf8')).arch.name).toBe('reram-cim');
  });

  it('shows help with examples', async () => {
    const r = await cli('explain', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('von-neumann');
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('--sweep-bandwidth');
  });
});

describe('picojoule explain: bad input exits 2 with one message and writes nothing', () => {
  const bad = (name: string) => relative(process.cwd(), join(projectRoot(), 'test', 'fixtures', 'bad', name));
  const bf16 = join(dir, 'bf16.json');
  writeFileSync(bf16, JSON.stringify({ version: 1, name: 'ds-cnn-bf16', extends: 'ds-cnn', precision: 'bf16' }));
  const cases: [string, string[], (string | RegExp)[]][] = [
    [
      'an unknown NPU preset',
      ['--workload', 'tiny', '--npu', 'no-such-npu'],
      ['--npu', 'unknown preset "no-such-npu"', 'edge-tpu'],
    ],
    ['an unknown IMC preset', ['--workload', 'tiny', '--imc', 'no-such-cim'], ['--imc', 'unknown preset "no-such-cim"']],
    ['an IMC design without crossbars', ['--workload', 'tiny', '--imc', 'edge-tpu'], ['--imc', 'no in-memory-compute crossbars']],
    ['an NPU with crossbars', ['--workload', 'tiny', '--npu', 'sram-cim'], ['--npu', 'expected a von Neumann design']],
    ['an unknown workload', ['--workload', 'no-such-net'], ['--workload', 'unknown workload "no-such-net"']],
    [
      'a workload that fails to build',
      ['--workload', bad('kernel-too-large.json')],
      ['kernel-too-large.json', '/layers/0/kernel'],
    ],
    ['a workload the NPU cannot run (bf16 on an int8-only array)', ['--workload', bf16], ['edge-tpu.json', 'bf16']],
    ['no workload', [], ['--workload']],
    ['an unknown topic', [], [/topic/]],
  ];
  it.each(cases)('%s', async (kind, args, says) => {
    const out = join(dir, `bad-${kind.replace(/\W+/g, '-')}`);
    const argv =
      kind === 'an unknown topic'
        ? ['explain', 'harvard', '-w', 'tiny', '--out', out]
        : ['explain', 'von-neumann', ...args, '--out', out];
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/\n\s+at /);
    for (const s of says) expect(r.err).toMatch(s);
    expect(existsSync(out)).toBe(false);
  });
});
