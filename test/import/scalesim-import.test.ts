import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importScalesim, parseScalesimConfig, topologyToWorkload } from '../../src/import/scalesim.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { WorkloadSpec } from '../../src/config/schemas/workload.js';
import { UserError } from '../../src/config/user-error.js';
import { validateAgainst } from '../../src/config/validate.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import { gemmOf, type ImportedLayer } from './scalesim-helpers.js';
import { SCALESIM_TOPOLOGY_FILES } from '../../src/import/scalesim-reference.js';

const REF = resolve(process.cwd(), 'reference/scalesim');
const configFile = (config: string) => join(REF, 'configs', config.includes('userbw') ? 'variants' : 'original', `${config}.cfg`);

interface ReferenceRow {
  config: string;
  dataflow: 'os' | 'ws' | 'is';
  topology: string;
  layer: number;
  totalCycles: number;
  stallCycles: number;
  overallUtil: number;
}

const reference: ReferenceRow[] = readFileSync(join(REF, 'results.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [config, dataflow, topology, layer, total, stall, util] = line.split(',');
    return {
      config,
      dataflow: dataflow as ReferenceRow['dataflow'],
      topology,
      layer: Number(layer),
      totalCycles: Number(total),
      stallCycles: Number(stall),
      overallUtil: Number(util),
    };
  });

const workloads = new Map(
  Object.entries(SCALESIM_TOPOLOGY_FILES).map(([name, rel]) => {
    const spec = topologyToWorkload(readFileSync(join(REF, 'topologies', rel), 'utf8'), rel);
    return [name, { spec, layers: spec.layers as unknown as ImportedLayer[] }];
  }),
);

describe('imported workloads agree with what SCALE-Sim v2 reported (results.csv)', () => {
  it('covers every layer of every reference run (327 rows; eyeriss was never run)', () => {
    expect(reference).toHaveLength(327);
    const runs = new Map<string, number[]>();
    for (const r of reference) {
      const key = `${r.config}/${r.dataflow}/${r.topology}`;
      runs.set(key, [...(runs.get(key) ?? []), r.layer]);
    }
    for (const [key, ids] of runs) {
      const count = workloads.get(key.split('/')[2])!.layers.length;
      expect([key, ids]).toEqual([key, Array.from({ length: count }, (_, i) => i)]);
    }
  });

  it("MACs of each imported layer = Overall Util × Total Cycles × R × C (SCALE-Sim's Npx × N × K)", () => {
    for (const r of reference) {
      const cfg = parseScalesimConfig(readFileSync(configFile(r.config), 'utf8'), r.config);
      const { spec, layers } = workloads.get(r.topology)!;
      const fromScalesim = (r.overallUtil / 100) * r.totalCycles * cfg.arrayHeight * cfg.arrayWidth;
      const ours = gemmOf(layers[r.layer], spec).macs;
      expect(Math.abs(ours - fromScalesim) / ours).toBeLessThan(1e-9);
    }
  });

  it("the fold formula on the imported Npx, N, K gives SCALE-Sim's stall-free cycles for every layer", () => {
    for (const r of reference) {
      const cfg = parseScalesimConfig(readFileSync(configFile(r.config), 'utf8'), r.config);
      const { spec, layers } = workloads.get(r.topology)!;
      const { npx, n, k } = gemmOf(layers[r.layer], spec);
      const [R, C] = [cfg.arrayHeight, cfg.arrayWidth];
      const [sr, sc, t] = r.dataflow === 'os' ? [npx, n, k] : r.dataflow === 'ws' ? [k, n, npx] : [k, npx, n];
      const perFold = r.dataflow === 'os' ? t + R + C - 2 : 2 * R + C + t - 2;
      const cycles = Math.ceil(sr / R) * Math.ceil(sc / C) * perFold - 1;
      expect([r.config, r.dataflow, r.topology, r.layer, cycles]).toEqual([
        r.config,
        r.dataflow,
        r.topology,
        r.layer,
        r.totalCycles - r.stallCycles,
      ]);
    }
  });
});

describe('importScalesim', () => {
  const withTmp = (f: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'picojoule-scalesim-'));
    try {
      f(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('writes arch.json and workload.json (pretty, newline-terminated) and returns the same documents', () => {
    withTmp((dir) => {
      const out = join(dir, 'nested', 'out');
      const result = importScalesim({
        configFile: join(REF, 'configs/variants/scale-userbw10.cfg'),
        topologyFile: join(REF, 'topologies/GEMM_mnk/NCF.csv'),
        outDir: out,
      });
      expect(readdirSync(out).sort()).toEqual(['arch.json', 'workload.json']);
      const archText = readFileSync(join(out, 'arch.json'), 'utf8');
      expect(archText).toBe(`${JSON.stringify(result.arch, null, 2)}\n`);
      expect(JSON.parse(readFileSync(join(out, 'workload.json'), 'utf8'))).toEqual(result.workload);
      expect(result.workload.layers).toHaveLength(12);
      expect(result.workload.layers.every((l) => l.type === 'dense')).toBe(true); // GEMM form detected from the header
      const arch = buildArch(result.arch, result.archFile);
      expect(arch.dram.bytesPerSecond).toBe(1e10);
      expect(systolicOf(arch)).toMatchObject({ rows: 32, cols: 32, dataflow: 'os' });
    });
  });

  it('gives byte-identical output for the same input, wherever the files are read from', () => {
    withTmp((dir) => {
      const run = (sub: string) =>
        importScalesim({
          configFile: configFile('google'),
          topologyFile: join(REF, 'topologies/conv_nets/alexnet.csv'),
          outDir: join(dir, sub),
        });
      run('a');
      run('b');
      for (const f of ['arch.json', 'workload.json']) {
        expect(readFileSync(join(dir, 'a', f), 'utf8')).toBe(readFileSync(join(dir, 'b', f), 'utf8'));
      }
    });
  });

  it('overwrites earlier output and leaves no temporary files', () => {
    withTmp((dir) => {
      writeFileSync(join(dir, 'arch.json'), 'old');
      importScalesim({
        configFile: configFile('eyeriss'),
        topologyFile: join(REF, 'topologies/conv_nets/test.csv'),
        outDir: dir,
      });
      expect(readdirSync(dir).sort()).toEqual(['arch.json', 'workload.json']);
      expect(JSON.parse(readFileSync(join(dir, 'arch.json'), 'utf8')).name).toBe('eyeriss');
    });
  });

  it('fails with a UserError, writing nothing, for a missing file or a wrong explicit form', () => {
    withTmp((dir) => {
      const out = join(dir, 'out');
      expect(() =>
        importScalesim({
          configFile: join(dir, 'nope.cfg'),
          topologyFile: join(REF, 'topologies/conv_nets/test.csv'),
          outDir: out,
        }),
      ).toThrow(UserError);
      expect(() =>
        importScalesim({
          configFile: configFile('scale'),
          topologyFile: join(REF, 'topologies/conv_nets/test.csv'),
          gemm: true,
          outDir: out,
        }),
      ).toThrow(/line 2: expected 4 columns/);
      expect(existsSync(out)).toBe(false);
    });
  });
});

describe('imported workloads through the layer-graph builder', () => {
  it.each(Object.keys(SCALESIM_TOPOLOGY_FILES))(
    "%s builds, with SCALE-Sim's output sizes, MACs and filter sizes per layer",
    (name) => {
      const { spec, layers } = workloads.get(name)!;
      const graph = buildGraph(validateAgainst<WorkloadSpec>(WorkloadSpec, spec, name), name);
      expect(graph.layers.map((l) => l.name)).toEqual(layers.map((l) => l.name));
      graph.layers.forEach((l, i) => {
        const g = gemmOf(layers[i], spec);
        expect(l.macs).toBe(g.macs);
        expect(l.weightElements).toBe(g.copies * g.k * g.n);
        expect(l.biasElements).toBe(0);
        if (l.op.kind === 'conv') expect([l.op.outH, l.op.outW]).toEqual([g.outH, g.outW]);
        else expect(l.op).toMatchObject({ kind: 'matmul', m: g.npx, n: g.n, k: g.k });
      });
    },
  );
});
