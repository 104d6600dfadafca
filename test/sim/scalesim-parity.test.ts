import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importScalesim } from '../../src/import/scalesim.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { SCALESIM_TOPOLOGY_FILES } from '../../src/import/scalesim-reference.js';

// SCALE-Sim v2's own numbers (reference runs; see reference/scalesim/NOTES.md).
const REF = resolve(process.cwd(), 'reference/scalesim');
const configFile = (config: string, dataflow: string) =>
  config.includes('-userbw')
    ? join(REF, 'configs/variants', `${config}.cfg`)
    : join(REF, 'configs/variants', `${config}_${dataflow}.cfg`);

interface Row {
  config: string;
  dataflow: string;
  topology: string;
  layer: number;
  total: number;
  stall: number;
}
const rows: Row[] = readFileSync(join(REF, 'results.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [config, dataflow, topology, layer, total, stall] = line.split(',');
    return { config, dataflow, topology, layer: Number(layer), total: Number(total), stall: Number(stall) };
  });
const runs = [...new Set(rows.map((r) => `${r.config}|${r.dataflow}|${r.topology}`))].map((k) => k.split('|'));

describe('SCALE-Sim v2 parity: compute cycles with ideal memory match within 1%', () => {
  const work = mkdtempSync(join(tmpdir(), 'pj-scalesim-'));
  it.each(runs)('%s %s %s', (config, dataflow, topology) => {
    const out = join(work, `${config}_${dataflow}_${topology}`);
    // USER-bandwidth runs: compare the stall-free part (SCALE-Sim's total − stall).
    importScalesim({
      configFile: configFile(config, dataflow),
      topologyFile: join(REF, 'topologies', SCALESIM_TOPOLOGY_FILES[topology]),
      outDir: out,
    });
    const arch = loadArch(join(out, 'arch.json'));
    const result = simulate(
      {
        ...arch,
        units: arch.units.map((u) => (u.kind === 'systolic-array' ? { ...u, dataflow: dataflow as 'os' | 'ws' | 'is' } : u)),
        dram: { ...arch.dram, ideal: true },
      },
      loadWorkload(join(out, 'workload.json')),
    );
    const ref = rows.filter((r) => r.config === config && r.dataflow === dataflow && r.topology === topology);
    expect(result.layers).toHaveLength(ref.length);
    for (const r of ref) {
      const ours = result.layers[r.layer].computeCycles;
      const theirs = r.total - r.stall;
      expect({ layer: r.layer, ratio: Math.abs(ours - theirs) / theirs <= 0.01 ? 'ok' : ours / theirs }).toEqual({
        layer: r.layer,
        ratio: 'ok',
      });
    }
  });
});
