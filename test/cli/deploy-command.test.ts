import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const scratch = mkdtempSync(join(tmpdir(), 'picojoule-deploy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A small plan: tiny on the A15 Neural Engine, an A100 over Wi-Fi; fields replaced by `over`. */
function plan(name: string, over: Record<string, unknown> = {}): string {
  const doc = {
    version: 1,
    name,
    seed: 3,
    workload: 'tiny',
    edge: { device: 'apple-a15-ane', failureRate: 0.1 },
    cloud: { device: 'nvidia-a100-sxm', maxBatch: 4, batchTimeout: '2 ms', pue: 1.2 },
    link: 'wifi',
    requests: { arrival: 'poisson', rate: 100, count: 2000, inputBytes: '10 kB', outputBytes: '100 B', deadline: '50 ms' },
    fleet: { devices: 1000, requestsPerDevicePerDay: 500 },
    ...over,
  };
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('picojoule deploy', () => {
  it('prints percentiles, the edge share, energy per inference, fleet energy and break-even', async () => {
    const r = await run(['deploy', plan('ok')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/p50 .* p95 .* p99 /);
    expect(r.out).toMatch(/edge share +\d+\.\d%/);
    expect(r.out).toMatch(/fleet\/day/);
    expect(r.out).toMatch(/break-even +input size/);
  });

  it('gives byte-identical JSON (and p99) for the same seed', async () => {
    const a = await run(['deploy', plan('same'), '--json']);
    const b = await run(['deploy', plan('same'), '--json']);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out) as {
      schema: string;
      results: { latencySeconds: { p99: number }; offloads: { failure: number } };
    };
    expect(doc.schema).toBe('picojoule/deploy@1');
    expect(doc.results.offloads.failure).toBeGreaterThan(0);
    expect(a.out).not.toMatch(/NaN|Infinity/);
  });

  it('writes the page and deploy.json with --out', async () => {
    const out = join(scratch, 'page');
    const r = await run(['deploy', plan('page'), '--out', out]);
    expect(r.code).toBe(0);
    for (const f of ['index.html', 'latency-cdf.svg', 'break-even-input.svg', 'comparison.svg', 'deploy.json'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Break-even by input size');
  });

  it.each([
    [
      'an unknown device',
      { edge: { device: 'quantum-npu' } },
      /bad-device\.json: \/edge\/device: unknown device "quantum-npu"; known roofline devices: /,
    ],
    [
      'a negative rate',
      { requests: { arrival: 'poisson', rate: -5, count: 10, inputBytes: 1, outputBytes: 1, deadline: 1 } },
      /bad-rate\.json: \/requests\/rate: must be > 0/,
    ],
    [
      'a deadline no place can meet',
      { requests: { arrival: 'poisson', rate: 5, count: 10, inputBytes: '10 kB', outputBytes: '1 kB', deadline: '10 us' } },
      /bad-meet\.json: \/requests\/deadline: no place can meet the 0\.01 ms deadline: the edge takes .* ms, the cloud path takes .* ms unloaded; .*allowDrops/,
    ],
    [
      'an unknown link',
      { link: 'carrier-pigeon' },
      /bad-link\.json: \/link: unknown link "carrier-pigeon"; known: 5g, lte, wifi/,
    ],
    ['an unknown workload', { workload: 'nope' }, /bad-workload\.json: \/workload: unknown workload "nope"/],
  ])('%s exits 2 naming the file and JSON path', async (_what, over, says) => {
    const name = `bad-${String(_what).split(' ').pop()}`;
    const out = join(scratch, `${name}-out`);
    const r = await run(['deploy', plan(name, over), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(says);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('reports the drop rate instead when the policy allows drops', async () => {
    const r = await run([
      'deploy',
      plan('drops', {
        requests: { arrival: 'poisson', rate: 5, count: 50, inputBytes: '10 kB', outputBytes: '1 kB', deadline: '10 us' },
        policy: { allowDrops: true },
      }),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { results: { requests: { dropRate: number; dropped: number } } };
    expect(doc.results.requests).toMatchObject({ dropped: 50, dropRate: 1 });
  });
});

describe('picojoule validate on the new documents', () => {
  it('tells devices, links and deploy plans apart and loads them fully', async () => {
    const r = await run(['validate', 'arch-configs/devices/nvidia-h100-sxm.json', 'arch-configs/links/lte.json', plan('valid')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/roofline device "nvidia-h100-sxm" \(datacenter-gpu\)/);
    expect(r.out).toMatch(/link "lte"/);
    expect(r.out).toMatch(/deploy plan "valid" \(tiny: edge apple-a15-ane, cloud nvidia-a100-sxm\)/);
  });
});

describe('picojoule compare', () => {
  it('prints a table with a row per device and flags those outside their class', async () => {
    // A user's device file that calls an H100 an NPU lands outside the NPU row on both bounds.
    const h100 = JSON.parse(readFileSync('arch-configs/devices/nvidia-h100-sxm.json', 'utf8'));
    const misfiled = join(scratch, 'h100-as-npu.json');
    writeFileSync(misfiled, JSON.stringify({ ...h100, $schema: undefined, name: 'h100-as-npu', class: 'npu' }));
    const r = await run(['compare', '-w', 'tiny', '-d', `intel-i7-1185g7,nvidia-h100-sxm,edge-tpu,${misfiled}`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^\s*(intel-i7-1185g7|nvidia-h100-sxm|edge-tpu|h100-as-npu)\s/.test(l))).toHaveLength(4);
    expect(r.out).toMatch(
      /h100-as-npu .*outside: power 700 W above the NPU range \(1 W–10 W\); peak 1980 TOPS above the NPU range/,
    );
    expect(r.out).toMatch(/nvidia-h100-sxm .*in range \(revised row\)/);
    expect(r.out).toMatch(/intel-i7-1185g7 .*in range\s*$/m);
    expect(r.out).toMatch(/roofline estimate/);
    expect(r.out).toMatch(/cycle simulation/);
  });

  it.each([
    [['compare', '-w', 'tiny', '-d', 'intel-i7-1185g7,nope'], /^picojoule: --devices: unknown device "nope"/],
    [
      ['compare', '-w', 'tiny', '-d', 'edge-tpu,,apple-ane'],
      /^picojoule: --devices: expected device names separated by single commas/,
    ],
    [['compare', '-w', 'tiny'], /^picojoule: --devices: expected a comma-separated list/],
    [['compare', '-d', 'edge-tpu'], /^picojoule: --workload: expected/],
  ])('%j exits 2 with one message', async (argv, says) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(says);
    expect(r.out).toBe('');
  });
});
