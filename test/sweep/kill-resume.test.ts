import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built CLI in child processes, killed with SIGKILL part-way (no chance to clean up), then
// resumed: the folder must end exactly as one uninterrupted run leaves it.
const dir = mkdtempSync(join(tmpdir(), 'pj-kill-'));
const file = join(dir, 'kill.json');
writeFileSync(
  file,
  JSON.stringify({
    version: 1,
    name: 'kill',
    arch: 'edge-tpu',
    workloads: ['mobilenet-v2'],
    parameters: {
      '/compute/mxu/rows': [16, 32, 48, 64],
      '/compute/mxu/cols': [16, 32, 48, 64],
      '/memory/dram/bandwidth': ['0.4 GB/s', '1 GB/s', '4 GB/s', '16 GB/s'],
    },
  }),
);
const cli = ['bin/picojoule.js', 'sweep', file, '--out'];
const OUTPUTS = ['results.jsonl', 'results.csv', 'pareto.json', 'index.html'];
const lines = (out: string) => {
  const f = join(out, 'results.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').length - 1 : 0;
};

/** Starts a run and kills it once it has written `rows` rows; resolves with the rows written by then. */
function killAfter(out: string, rows: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cli, out], { stdio: 'ignore' });
    let exited = false;
    child.on('exit', () => {
      exited = true;
      resolve(lines(out));
    });
    const poll = setInterval(() => {
      if (exited) return clearInterval(poll);
      if (lines(out) >= rows) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 2);
  });
}

describe('a sweep killed with SIGKILL several times, then resumed', () => {
  it('ends with the same files, byte for byte, as an uninterrupted run', async () => {
    const clean = join(dir, 'clean');
    execFileSync(process.execPath, [...cli, clean], { stdio: 'ignore' });
    expect(lines(clean)).toBe(64);

    const out = join(dir, 'killed');
    const seen: number[] = [];
    for (const rows of [5, 20, 40]) seen.push(await killAfter(out, rows));
    // each kill landed part-way through, and each run got further
    expect(seen.some((n) => n < 64)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const last = execFileSync(process.execPath, [...cli, out], { encoding: 'utf8' });
    expect(last).toMatch(/64 runs in .* from an earlier run\)/);
    for (const f of OUTPUTS) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(clean, f), 'utf8'));
    expect(existsSync(join(out, '.lock'))).toBe(false);
  }, 60_000);
});
