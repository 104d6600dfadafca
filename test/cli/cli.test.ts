import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { peakOpsPerSecond } from '../../src/hardware/arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { projectRoot } from '../../src/config/paths.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { formatSI } from '../../src/report/format.js';

/** Runs the CLI in-process and captures what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const root = projectRoot();
const scratch = mkdtempSync(join(tmpdir(), 'picojoule-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Every preset file; the five must be among them.
const PRESETS = readdirSync(join(process.cwd(), 'arch-configs'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const REQUIRED_PRESETS = ['apple-ane', 'edge-tpu', 'ethos-u55-128', 'ethos-u55-256', 'eyeriss-like'];
// Every built-in network file; the original seven must be among them.
const WORKLOADS = readdirSync(join(process.cwd(), 'workloads'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const REQUIRED_WORKLOADS = ['bert-base-layer', 'ds-cnn', 'mobilenet-v1', 'mobilenet-v2', 'resnet-18', 'resnet-50', 'tiny'];
const jsonFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(root, dir, f));

describe('--help', () => {
  it.each(['simulate', 'validate', 'presets', 'workloads', 'import'])(
    '%s --help shows its options and an example',
    async (command) => {
      const r = await run(command, '--help');
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toContain('Options:');
      expect(r.out).toContain('Examples:');
      expect(r.out).toMatch(new RegExp(`picojoule ${command}\\b[^\\n]*\\S`));
      expect(r.out).not.toContain('$0');
    },
  );

  it('the top-level --help lists every command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of ['simulate', 'validate', 'presets', 'workloads', 'import']) expect(r.out).toContain(`picojoule ${c}`);
    expect(r.out).toContain('Exit codes');
  });
});

describe('presets', () => {
  it('lists all 5 presets with their peak TOPS', async () => {
    const r = await run('presets');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const name of PRESETS) {
      const line = r.out.split('\n').find((l) => l.trim().startsWith(`${name} `));
      expect(line).toBeDefined();
      expect(line).toContain(formatSI(peakOpsPerSecond(loadArch(name)), 'OPS'));
    }
    expect(r.out).toMatch(/3\.93 TOPS/); // edge-tpu: 2 × 64 × 64 × 480 MHz
  });

  it('--json gives the same presets as data', async () => {
    const r = await run('presets', '--json');
    const list = JSON.parse(r.out) as { name: string; peakOpsPerSecond: number }[];
    expect(list.map((p) => p.name)).toEqual(PRESETS);
    expect(PRESETS).toEqual(expect.arrayContaining(REQUIRED_PRESETS));
    expect(list.find((p) => p.name === 'edge-tpu')!.peakOpsPerSecond).toBe(2 * 64 * 64 * 480e6);
  });
});

describe('workloads', () => {
  it('lists every built-in network with its MACs', async () => {
    const r = await run('workloads');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const name of WORKLOADS) expect(r.out).toMatch(new RegExp(`^\\s*${name}\\s`, 'm'));
    expect(r.out).toMatch(/^\s*tiny\s+6\s+26,784\s+618\s/m);
  });

  it('--json gives the same networks as data', async () => {
    const list = JSON.parse((await run('workloads', '--json')).out) as { name: string; macs: number }[];
    expect(list.map((w) => w.name)).toEqual(WORKLOADS);
    expect(WORKLOADS).toEqual(expect.arrayContaining(REQUIRED_WORKLOADS));
    expect(list.find((w) => w.name === 'tiny')!.macs).toBe(26784);
  });
});

describe('validate', () => {
  const files = [...jsonFiles('arch-configs'), ...jsonFiles('arch-configs/tech'), ...jsonFiles('workloads')];

  it('finds the presets, cost tables and built-in workloads', () => {
    expect(files.length).toBeGreaterThanOrEqual(PRESETS.length + 1 + WORKLOADS.length);
  });

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('accepts %s', async (_name, file) => {
    const r = await run('validate', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.startsWith(`ok  ${file}: `)).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('checks many files in one call, one line each', async () => {
    const r = await run('validate', ...files);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(files.length);
  });
});

describe('simulate', () => {
  it("--json prints a picojoule/result@1 document whose MACs are the workload's", async () => {
    const r = await run('simulate', '--arch', 'edge-tpu', '--workload', 'tiny', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      schema: string;
      arch: { name: string };
      workload: { name: string; layers: number };
      totals: { macs: number; cycles: number; energyJoules: number };
      layers: { name: string; macs: number }[];
    };
    expect(doc.schema).toBe('picojoule/result@1');
    expect(doc.arch.name).toBe('edge-tpu');
    expect(doc.workload.name).toBe('tiny');
    const graph = loadWorkload('tiny');
    expect(doc.totals.macs).toBe(graph.totals.macs);
    expect(doc.totals.macs).toBe(26784);
    expect(doc.layers.map((l) => l.name)).toEqual(graph.layers.map((l) => l.name));
    expect(doc.totals.cycles).toBeGreaterThan(0);
    expect(r.out).not.toMatch(/NaN|Infinity/);
  });

  it('prints a table by default', async () => {
    const r = await run('simulate', '-a', 'edge-tpu', '-w', 'tiny');
    expect(r.code).toBe(0);
    for (const layer of ['conv', 'dw', 'pw', 'pool', 'flatten', 'fc']) expect(r.out).toMatch(new RegExp(`^\\s*${layer}\\s`, 'm'));
  });

  it('--out DIR writes result.json and layers.csv and leaves no temporary files', async () => {
    const dir = join(scratch, 'runs', 'edge-tpu-tiny');
    const json = await run('simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json');
    const r = await run('simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json', '--out', dir);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['layers.csv', 'result.json']);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe(json.out);
    const csv = readFileSync(join(dir, 'layers.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 6); // header + one row per layer
    expect(csv[1]).toMatch(/^"?conv"?,/);
  });

  it('--csv FILE writes the layer table and nothing else', async () => {
    const dir = join(scratch, 'csv');
    const r = await run('simulate', '-a', 'edge-tpu', '-w', 'tiny', '--csv', join(dir, 'layers.csv'));
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['layers.csv']);
  });

  it('prints the same summary as report does, line for line', async () => {
    const args = ['-a', 'edge-tpu', '-w', 'mobilenet-v2', '--prune', '0.3', '--sparsity-structure', '2:4'];
    const sim = await run('simulate', ...args);
    const rep = await run('report', ...args, '--out', join(scratch, 'same-summary'));
    expect([sim.code, rep.code]).toEqual([0, 0]);
    const fromSimulate = sim.out
      .slice(sim.out.indexOf('\nlatency ') + 1)
      .trimEnd()
      .split('\n');
    const fromReport = rep.out
      .split('\n')
      .slice(2)
      .filter((l) => l)
      .map((l) => l.slice(2));
    expect(fromSimulate.length).toBeGreaterThan(8);
    expect(fromReport).toEqual(fromSimulate);
    // What the what-if changed and what ran other than asked are part of it.
    expect(fromSimulate.some((l) => /^vs dense int8 +1\.\d\d× the speed/.test(l))).toBe(true);
    expect(fromSimulate.some((l) => /^note +2:4 keeps exactly 2 of every 4 weights/.test(l))).toBe(true);
    expect(fromSimulate.filter((l) => /^ {2}by part +\S+ \d/.test(l))).toHaveLength(2); // energy and area
  });

  it('gives byte-identical --json output for the same inputs', async () => {
    const a = await run('simulate', '-a', 'ethos-u55-128', '-w', 'ds-cnn', '--json');
    const b = await run('simulate', '-a', 'ethos-u55-128', '-w', 'ds-cnn', '--json');
    expect(a.code).toBe(0);
    expect(a.out.length).toBeGreaterThan(0);
    expect(b.out).toBe(a.out);
  });
});

describe('import scalesim', () => {
  const reference = resolve(process.cwd(), 'reference/scalesim');
  const have = existsSync(reference);
  const ifReference = have ? it : it.skip;

  it('finds the SCALE-Sim reference inputs beside the repository', () => {
    expect(have).toBe(true);
  });

  ifReference.each([
    ['scale.cfg', 'conv_nets/test.csv'],
    ['google.cfg', 'conv_nets/alexnet.csv'],
    ['eyeriss.cfg', 'GEMM_mnk/test_mnk_input.csv'],
  ])('imports %s + %s into documents validate accepts', async (cfg, topology) => {
    const out = join(scratch, 'imported', cfg.replace('.cfg', ''));
    const r = await run(
      'import',
      'scalesim',
      '--config',
      join(reference, 'configs/original', cfg),
      '--topology',
      join(reference, 'topologies', topology),
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['arch.json', 'workload.json']);
    const v = await run('validate', join(out, 'arch.json'), join(out, 'workload.json'));
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^ok .*arch\.json: arch /m);
    expect(v.out).toMatch(/^ok .*workload\.json: workload /m);
    const s = await run('simulate', '-a', join(out, 'arch.json'), '-w', join(out, 'workload.json'), '--json');
    expect(s.err).toBe('');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).totals.macs).toBe(loadWorkload(join(out, 'workload.json')).totals.macs);
  });
});

describe('import onnx', () => {
  const model = join(root, 'test/fixtures/models/hello_deepa.onnx');

  it("writes a schema-valid workload.json that simulates to the model's MACs, and --workload takes the model itself", async () => {
    const out = join(scratch, 'onnx');
    const r = await run('import', 'onnx', model, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*workload\.json \(24 layers from /);
    expect(r.err).toMatch(/note: fp32 weights/);
    const v = await run('validate', join(out, 'workload.json'));
    expect([v.code, v.out]).toEqual([0, expect.stringMatching(/77856 MACs/)]);
    const fromFile = await run('simulate', '-a', 'edge-tpu', '-w', join(out, 'workload.json'), '--json');
    const direct = await run('simulate', '-a', 'edge-tpu', '-w', model, '--json');
    expect([fromFile.code, direct.code]).toEqual([0, 0]);
    const totals = (t: string) => (JSON.parse(t) as { totals: unknown }).totals;
    expect(totals(direct.out)).toEqual(totals(fromFile.out));
  });

  it("import tflite writes a workload validate accepts, with the model's MACs", async () => {
    const out = join(scratch, 'tflite');
    const r = await run('import', 'tflite', join(root, 'test/fixtures/models/face_detection_short_range.tflite'), '--out', out);
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/wrote .*workload\.json \(89 layers from /)]);
    const v = await run('validate', join(out, 'workload.json'));
    expect([v.code, v.out]).toEqual([0, expect.stringMatching(/30760960 MACs/)]);
  });

  it.each([
    [['import', 'onnx', '--out', 'x'], 'import onnx needs the model file'],
    [['import', 'onnx', 'test/fixtures/models/README.md', '--out', 'x'], 'is neither an ONNX nor a TFLite model'],
    [
      ['import', 'onnx', 'test/fixtures/models/hello_deepa.onnx', '--input-shape', 'x=1xq', '--out', 'x'],
      '--input-shape: expected name=1x3x224x224',
    ],
    [['import', 'scalesim', '--out', 'x'], '--config: import scalesim needs the SCALE-Sim .cfg file'],
  ])('%j exits 2: %s', async (argv, says) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('the installed binary', () => {
  /** What `node bin/picojoule.js <argv>` loads, one module per line (test/fixtures/hooks/log-modules.mjs). */
  let logs = 0;
  function modulesLoaded(...argv: string[]): string {
    const log = join(scratch, `modules-${++logs}.txt`);
    const env: NodeJS.ProcessEnv = { ...process.env, PJ_MODULE_LOG: log };
    delete env.NODE_OPTIONS;
    const hook = join(root, 'test/fixtures/hooks/log-modules.mjs');
    const r = spawnSync(process.execPath, ['--no-warnings', '--import', hook, join(root, 'bin', 'picojoule.js'), ...argv], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return readFileSync(log, 'utf8');
  }

  it('loads mathjs, d3-node and jsdom only in commands that need them', () => {
    const simulated = modulesLoaded('simulate', '-a', 'edge-tpu', '-w', 'mobilenet-v2', '--json');
    expect(simulated).toMatch(/dist\/bundle\/cli\/main\.cjs|code-cache/); // the log sees the CLI's own loading
    expect(simulated).not.toMatch(/mathjs|d3-node|jsdom/);
    const drawn = modulesLoaded('report', '-a', 'edge-tpu', '-w', 'tiny', '--out', join(scratch, 'drawn'));
    expect(drawn).toMatch(/d3-node/);
    expect(drawn).toMatch(/jsdom/);
    // A unit string beyond the common forms is mathjs's to read.
    const arch = join(scratch, 'megahertz.json');
    writeFileSync(arch, JSON.stringify({ version: 1, name: 'megahertz', extends: 'edge-tpu', clock: '480 megahertz' }));
    expect(modulesLoaded('simulate', '-a', arch, '-w', 'tiny', '--json')).toMatch(/mathjs/);
  });

  it('lists presets and workloads as JSON with exit 0 (a command returning what io.out returned once exited 1)', () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    for (const cmd of ['presets', 'workloads']) {
      const r = spawnSync(process.execPath, [join(root, 'bin', 'picojoule.js'), cmd, '--json'], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    }
  });

  it('exits 2 on bad input with one message and no stack trace', () => {
    const bin = join(root, 'bin', 'picojoule.js');
    expect(existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))).toBe(true); // built by `npm test`'s pretest
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // jest's --experimental-vm-modules would add a warning
    const r = spawnSync(
      process.execPath,
      [bin, 'simulate', '--arch', 'test/fixtures/bad/typo-bandwith.json', '--workload', 'tiny'],
      {
        cwd: root,
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('test/fixtures/bad/typo-bandwith.json');
    expect(r.stderr).toContain('/memory/dram/bandwith');
    expect(r.stderr).toContain('did you mean "bandwidth"');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
