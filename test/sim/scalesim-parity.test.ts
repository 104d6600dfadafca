import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('SCALE-Sim configs with buffers smaller than one fold run as SCALE-Sim runs them', () => {
  // google_os.cfg is SCALE-Sim's TPU-like 256×256 array; with a 256 kB ofmap SRAM a fold's
  // double-buffered partial sums (up to 2 × 256 × 256 × 4 B) do not fit. SCALE-Sim runs it, and
  // in CALC mode its compute cycles do not depend on SRAM sizes: neither may ours.
  const work = mkdtempSync(join(tmpdir(), 'pj-scalesim-small-'));
  const cycles = (ofmapKB: number) => {
    const cfg = readFileSync(join(REF, 'configs/variants/google_os.cfg'), 'utf8').replace(
      /OfmapSramSzkB:\s*\d+/,
      `OfmapSramSzkB: ${ofmapKB}`,
    );
    const file = join(work, `google_os_${ofmapKB}.cfg`);
    writeFileSync(file, cfg);
    const out = join(work, `out_${ofmapKB}`);
    importScalesim({ configFile: file, topologyFile: join(REF, 'topologies', SCALESIM_TOPOLOGY_FILES.resnet18), outDir: out });
    return simulate(loadArch(join(out, 'arch.json')), loadWorkload(join(out, 'workload.json')));
  };

  it('256×256 os with a 256 kB ofmap: every layer runs, the folds that do not fit say so, and the cycles equal the roomy buffer’s', () => {
    const small = cycles(256);
    const roomy = cycles(16384);
    expect(small.layers.some((l) => l.mapping?.spills?.some((s) => s.startsWith('output:')))).toBe(true);
    expect(roomy.layers.every((l) => l.mapping?.spills === undefined)).toBe(true);
    expect(small.layers.map((l) => l.cycles)).toEqual(roomy.layers.map((l) => l.cycles));
  });
});
