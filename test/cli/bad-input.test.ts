import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { projectRoot } from '../../src/config/paths.js';

/**
 * One bad input per kind of mistake. Each must exit with code 2, print nothing on stdout, and
 * print one message on stderr that names the file (or flag) and the JSON path (or CSV line / INI
 * key) and says what was expected, with no stack trace. Cases given `--out` must write nothing.
 */

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const root = projectRoot();
/** A bad fixture, as a path relative to the working directory (as a user would type it). */
const bad = (name: string) => relative(process.cwd(), join(root, 'test', 'fixtures', 'bad', name));
const scalesimTopology = relative(process.cwd(), join(root, 'test', 'workload', 'fixtures', 'conv-topology.csv'));
const scratch = mkdtempSync(join(tmpdir(), 'picojoule-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface BadCase {
  /** The kind of mistake. */
  readonly kind: string;
  /** Arguments; `out` is a folder that must still not exist afterwards when the case passes it. */
  readonly argv: (out: string) => string[];
  /** Text the message must contain: the file or flag, the JSON path, what was expected. */
  readonly says: readonly (string | RegExp)[];
  /** The case passes `--out`: nothing may be written. */
  readonly writes?: boolean;
}

/** `simulate` with a bad arch, writing to `out` if it got that far. */
const badArch = (fixture: string) => (out: string) => ['simulate', '--arch', bad(fixture), '--workload', 'tiny', '--out', out];
/** `simulate` with a bad workload, writing to `out` if it got that far. */
const badWorkload = (fixture: string) => (out: string) => [
  'simulate',
  '--arch',
  'edge-tpu',
  '--workload',
  bad(fixture),
  '--out',
  out,
  '--json',
];

const CASES: BadCase[] = [
  // JSON itself
  {
    kind: 'invalid JSON syntax',
    argv: () => ['validate', bad('invalid-syntax.json')],
    says: ['invalid-syntax.json', 'invalid JSON at line 5, column 3', "Expected ','"],
  },
  {
    kind: 'empty file',
    argv: badArch('empty.json'),
    says: ['empty.json', 'the file is empty', 'expected a JSON object'],
    writes: true,
  },
  {
    kind: 'top-level array',
    argv: badArch('top-level-array.json'),
    says: ['top-level-array.json', '(document root)', 'expected a JSON object'],
    writes: true,
  },
  { kind: 'nonexistent file', argv: badArch('no-such-arch.json'), says: ['no-such-arch.json', 'file not found'], writes: true },
  {
    kind: 'document of no known kind',
    argv: () => ['validate', bad('not-a-document.json')],
    says: ['not-a-document.json', '(document root)', 'expected an arch (with "compute")'],
  },
  // schema
  {
    kind: 'missing required field',
    argv: badArch('missing-clock.json'),
    says: ['missing-clock.json', '/clock', 'required field is missing'],
    writes: true,
  },
  {
    kind: 'unknown field with a typo',
    argv: badArch('typo-bandwith.json'),
    says: [
      'typo-bandwith.json',
      '/memory/dram/bandwith',
      'did you mean "bandwidth"?',
      'allowed: kind, technology, ideal, bandwidth',
    ],
    writes: true,
  },
  {
    kind: 'wrong type',
    argv: badArch('rows-string.json'),
    says: ['rows-string.json', '/compute/mxu/rows', 'integer', 'got "sixty-four"'],
    writes: true,
  },
  {
    kind: 'negative number',
    argv: badArch('negative-latency.json'),
    says: ['negative-latency.json', '/memory/dram/latency', 'must be >= 0', 'got -5'],
    writes: true,
  },
  {
    kind: 'zero rows',
    argv: badArch('zero-rows.json'),
    says: ['zero-rows.json', '/compute/mxu/rows', 'must be >= 1', 'got 0'],
    writes: true,
  },
  {
    kind: 'unsupported document version',
    argv: badWorkload('version-2.json'),
    says: ['version-2.json', '/version', 'must be 1', 'got 2'],
    writes: true,
  },
  {
    kind: 'unknown dataflow',
    argv: badArch('unknown-dataflow.json'),
    says: ['unknown-dataflow.json', '/compute/mxu/dataflow', 'os = output stationary', 'rs = row stationary', 'got "ks"'],
    writes: true,
  },
  {
    kind: 'unknown layer type',
    argv: badWorkload('unknown-layer-type.json'),
    says: ['unknown-layer-type.json', '/layers/1/type', 'must be one of: conv2d, conv2dTranspose, depthwise', 'got "conv3d"'],
    writes: true,
  },
  {
    kind: 'bad padding keyword',
    argv: badWorkload('bad-padding.json'),
    says: ['bad-padding.json', '/layers/0/padding', '"same" or "valid"', 'got "full"'],
    writes: true,
  },
  // units
  {
    kind: 'unknown unit',
    argv: badArch('unknown-unit.json'),
    says: ['unknown-unit.json', '/memory/sram/unified/size', '"8 MiBB"', 'expected e.g. "512 KiB"'],
    writes: true,
  },
  {
    kind: 'wrong dimension',
    argv: badArch('wrong-dimension.json'),
    says: ['wrong-dimension.json', '/memory/sram/unified/size', '"500 MHz" is not a size in bytes'],
    writes: true,
  },
  // names and extends
  {
    kind: 'unknown preset in --arch',
    argv: (out) => ['simulate', '--arch', 'edge-tpuu', '--workload', 'tiny', '--out', out],
    says: ['--arch', 'unknown preset "edge-tpuu"', 'known: apple-ane, apple-ane-a14, apple-ane-a15, apple-ane-a17-pro, edge-tpu'],
    writes: true,
  },
  {
    kind: 'unknown built-in workload',
    argv: (out) => ['simulate', '--arch', 'edge-tpu', '--workload', 'mobilenet-v9', '--out', out],
    says: ['--workload', 'unknown workload "mobilenet-v9"', 'mobilenet-v2'],
    writes: true,
  },
  {
    kind: 'unknown preset in extends',
    argv: badArch('unknown-extends.json'),
    says: [
      'unknown-extends.json',
      '/extends',
      'unknown preset "edge-tpx"',
      'known: apple-ane, apple-ane-a14, apple-ane-a15, apple-ane-a17-pro, edge-tpu',
    ],
    writes: true,
  },
  {
    kind: 'extends that is not a string',
    argv: badArch('extends-number.json'),
    says: ['extends-number.json', '/extends', 'expected a preset name or a relative path', 'got 5'],
    writes: true,
  },
  {
    kind: 'extends cycle (a → b → a)',
    argv: badArch('cycle-a.json'),
    says: ['cycle-b.json', '/extends', 'forms a cycle', /cycle-a\.json → .*cycle-b\.json → .*cycle-a\.json/],
    writes: true,
  },
  {
    kind: 'extended file missing',
    argv: badArch('extends-missing.json'),
    says: ['extends-missing.json', '/extends', 'extended file "./no-such-parent.json" not found'],
    writes: true,
  },
  // arch consistency
  {
    kind: 'tensor role held by no buffer',
    argv: badArch('role-unheld.json'),
    says: ['role-unheld.json', '/memory/sram', 'no SRAM buffer holds "weight"', 'expected exactly one'],
    writes: true,
  },
  {
    kind: 'tensor role held by two buffers',
    argv: badArch('role-twice.json'),
    says: ['role-twice.json', '/memory/sram', '"weight" is held by 2 buffers (unified, wbuf)', 'expected exactly one'],
    writes: true,
  },
  {
    kind: 'DRAM without bandwidth and not ideal',
    argv: badArch('dram-no-bandwidth.json'),
    says: ['dram-no-bandwidth.json', '/memory/dram/bandwidth', 'required unless "ideal": true'],
    writes: true,
  },
  // workload graph
  {
    kind: 'input names an unknown tensor',
    argv: badWorkload('unknown-input.json'),
    says: ['unknown-input.json', '/layers/1/input', 'unknown tensor "convv"', 'known here: image, conv'],
    writes: true,
  },
  {
    kind: 'duplicate layer names',
    argv: badWorkload('duplicate-layer.json'),
    says: ['duplicate-layer.json', '/layers/1/name', 'duplicate name "conv"', 'must be unique'],
    writes: true,
  },
  {
    kind: 'shape mismatch in add',
    argv: badWorkload('add-mismatch.json'),
    says: ['add-mismatch.json', '/layers/2/inputs/1', 'add needs equal shapes', '[1, 16, 16, 16]'],
    writes: true,
  },
  {
    kind: 'channels not divisible by groups',
    argv: badWorkload('groups-mismatch.json'),
    says: ['groups-mismatch.json', '/layers/0/groups', 'not divisible by groups (2)'],
    writes: true,
  },
  {
    kind: 'dense on a 4-D input',
    argv: badWorkload('dense-4d.json'),
    says: ['dense-4d.json', '/layers/1/input', 'dense needs a [N, K] or [N, S, K] input', 'add a "flatten" layer'],
    writes: true,
  },
  {
    kind: 'reshape with the wrong element count',
    argv: badWorkload('reshape-count.json'),
    says: ['reshape-count.json', '/layers/0/shape', '768 elements', '720 elements', 'same element count'],
    writes: true,
  },
  {
    kind: 'kernel larger than its input',
    argv: badWorkload('kernel-too-large.json'),
    says: ['kernel-too-large.json', '/layers/0/kernel', 'kernel 17x17 is larger than the padded input 16x16'],
    writes: true,
  },
  // SCALE-Sim inputs
  {
    kind: 'SCALE-Sim config without ArrayHeight',
    argv: (out) => [
      'import',
      'scalesim',
      '--config',
      bad('missing-ArrayHeight.cfg'),
      '--topology',
      scalesimTopology,
      '--out',
      out,
    ],
    says: ['missing-ArrayHeight.cfg', '[architecture_presets]/ArrayHeight', 'required key is missing'],
    writes: true,
  },
  {
    kind: 'non-numeric SCALE-Sim topology row',
    argv: badWorkload('non-numeric-row.csv'),
    says: ['non-numeric-row.csv', 'line 3', 'IFMAP Width', 'expected a whole number', '"thirty"'],
    writes: true,
  },
  // cost tables
  {
    kind: 'cost table with a negative energy',
    argv: () => ['validate', bad('negative-energy.json')],
    says: ['negative-energy.json', '/mac/int8/value', 'must be a finite number ≥ 0', '"-0.29 pJ"'],
  },
  // command line
  {
    kind: 'unknown CLI flag',
    argv: (out) => ['simulate', '--arch', 'edge-tpu', '--workload', 'tiny', '--bogus', '--out', out],
    says: ['Unknown argument: --bogus', 'picojoule simulate --help'],
    writes: true,
  },
  {
    kind: 'missing required flag',
    argv: (out) => ['simulate', '--arch', 'edge-tpu', '--out', out],
    says: ['--workload: expected a built-in name'],
    writes: true,
  },
  {
    kind: 'flag given without a value',
    argv: (out) => ['simulate', '--arch', 'edge-tpu', '--out', out, '--workload'],
    says: ['--workload: expected a value after it'],
    writes: true,
  },
  {
    kind: 'unknown import format',
    argv: (out) => ['import', 'keras', '--config', 'a.cfg', '--topology', 'b.csv', '--out', out],
    says: ['format', '"keras"', 'Choices: "scalesim", "onnx", "tflite"'],
    writes: true,
  },
  { kind: 'unknown command', argv: () => ['simulatee'], says: ['Unknown argument: simulatee', 'did you mean simulate?'] },
  {
    kind: 'misspelt flag',
    argv: (out) => ['simulate', '-a', 'edge-tpu', '--worklod', 'tiny', '--out', out],
    says: ['Unknown argument: --worklod', 'did you mean --workload?'],
    writes: true,
  },
  // found by trying what a new user might
  {
    kind: 'JSON nested thousands of levels deep',
    argv: badWorkload('deep-nesting.json'),
    says: ['deep-nesting.json', '/layers/0/0', 'nested more than 64 levels deep'],
    writes: true,
  },
  {
    kind: 'an arch that extends a workload',
    argv: badArch('extends-workload.json'),
    says: ['extends-workload.json', '/extends', '"tiny" is a built-in workload; an arch can only extend an arch'],
    writes: true,
  },
  {
    kind: 'extends naming a folder',
    argv: badArch('extends-folder.json'),
    says: ['extends-folder.json', '/extends', '"../bad" is a folder; expected an arch JSON file'],
    writes: true,
  },
  {
    kind: 'validate on an extends loop',
    argv: () => ['validate', bad('cycle-a.json')],
    says: ['cycle-a.json', '/extends', 'forms a cycle'],
  },
  {
    kind: 'N:M structure with N = 0',
    argv: (out) => ['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--sparsity-structure', '0:0', '--out', out],
    says: ['--sparsity-structure', 'needs 1 ≤ N ≤ M', '"0:0"'],
    writes: true,
  },
  {
    kind: 'N:M structure keeping none of M',
    argv: (out) => ['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--prune', '0.5', '--sparsity-structure', '0:4', '--out', out],
    says: ['--sparsity-structure', '"0:4"'],
    writes: true,
  },
  {
    kind: 'SCALE-Sim bandwidth beyond any link',
    argv: (out) => ['import', 'scalesim', '--config', bad('bandwidth-huge.cfg'), '--topology', scalesimTopology, '--out', out],
    says: ['bandwidth-huge.cfg', '[architecture_presets]/Bandwidth', 'line 14', 'outside any plausible link'],
    writes: true,
  },
  {
    kind: 'SCALE-Sim bandwidth below any link',
    argv: (out) => ['import', 'scalesim', '--config', bad('bandwidth-tiny.cfg'), '--topology', scalesimTopology, '--out', out],
    says: ['bandwidth-tiny.cfg', '[architecture_presets]/Bandwidth', '1e-30 words per cycle'],
    writes: true,
  },
  {
    kind: '--csv with no file after it',
    argv: (out) => ['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--out', out, '--csv'],
    says: ['--csv: expected a value after it'],
    writes: true,
  },
  {
    kind: 'an empty --out',
    argv: () => ['report', '-a', 'edge-tpu', '-w', 'tiny', '--out', ''],
    says: ['--out: expected a value after it'],
  },
  {
    kind: 'a sweep whose --out cannot be created, on two workers',
    argv: () => [
      'sweep',
      join(root, 'sweeps', 'edge-array-and-bandwidth.json'),
      '--workers',
      '2',
      '--out',
      '/proc/picojoule-cannot-write',
    ],
    says: ['--out', 'cannot write "/proc/picojoule-cannot-write"', 'ENOENT'],
  },
];

describe('bad input', () => {
  it('covers at least 30 kinds of mistake, each once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.kind)).size).toBe(CASES.length);
  });

  it('uses every fixture in test/fixtures/bad', () => {
    const used = CASES.map((c) => c.argv('OUT').join(' ')).join(' ');
    const unused = readdirSync(join(root, 'test', 'fixtures', 'bad')).filter((f) => !used.includes(f) && f !== 'cycle-b.json');
    expect(unused).toEqual([]);
  });

  it.each(CASES.map((c, i) => [c.kind, c, i] as const))('%s: exit 2, one clear message, no stack trace', async (_kind, c, i) => {
    const out = join(scratch, `out-${i}`);
    const argv = c.argv(out);
    if (c.writes) expect(argv).toContain(out);
    const r = await run(argv);
    expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: '' });
    for (const s of c.says) {
      if (typeof s === 'string') expect(r.err).toContain(s);
      else expect(r.err).toMatch(s);
    }
    const message = r.err.slice(r.err.lastIndexOf('picojoule: '));
    expect(message).toMatch(/^picojoule: /);
    expect(message).toMatch(/\n$/);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(message).not.toMatch(/internal error|Error:|TypeError|undefined|NaN/);
    expect(existsSync(out)).toBe(false);
  });

  it('--out naming an existing file: exit 2, the file untouched, no temporary files', async () => {
    const dir = join(scratch, 'out-is-a-file');
    mkdirSync(dir);
    const file = join(dir, 'results');
    writeFileSync(file, 'keep me\n');
    const r = await run(['simulate', '--arch', 'edge-tpu', '--workload', 'tiny', '--out', file]);
    expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: '' });
    expect(r.err).toContain('--out');
    expect(r.err).toContain(file);
    expect(r.err).toContain('expected a folder');
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir)).toEqual(['results']);
  });

  it('validate reports every bad file, and still exits 2 when some are good', async () => {
    const r = await run([
      'validate',
      join(root, 'workloads', 'tiny.json'),
      bad('invalid-syntax.json'),
      bad('negative-energy.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^ok .*tiny\.json/);
    expect(r.err).toContain('invalid-syntax.json');
    expect(r.err).toContain('negative-energy.json: /mac/int8/value');
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});

describe('inputs that run, with a word about them', () => {
  it('a flag given twice takes the last value and says so', async () => {
    const r = await run(['simulate', '-a', 'ethos-u55-128', '-a', 'edge-tpu', '-w', 'tiny', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).arch.name).toBe('edge-tpu');
    expect(r.err).toBe('picojoule: note: -a is given more than once; the last one counts\n');
  });

  it('a JSON file that starts with a byte-order mark reads as without it', async () => {
    const file = join(scratch, 'bom.json');
    writeFileSync(file, '\ufeff' + readFileSync(join(root, 'workloads', 'tiny.json'), 'utf8'));
    const r = await run(['simulate', '-a', 'edge-tpu', '-w', file, '--json']);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  });

  it('a key given twice in one object is warned about at its JSON path (JSON keeps the last)', async () => {
    const file = join(scratch, 'dup.json');
    writeFileSync(
      file,
      readFileSync(join(root, 'workloads', 'tiny.json'), 'utf8').replace('"version": 1,', '"version": 1, "name": "first",'),
    );
    const r = await run(['simulate', '-a', 'edge-tpu', '-w', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).workload.name).toBe('tiny');
    expect(r.err).toBe(`picojoule: warning: ${file}: /name: key given twice in one object; the last value counts\n`);
  });
});
