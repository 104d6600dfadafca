import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configToArchSpec, parseScalesimConfig } from '../../src/import/scalesim-config.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { ArchSpec } from '../../src/config/schemas/arch.js';
import { validateAgainst } from '../../src/config/validate.js';
import { userErrorOf as userError } from '../helpers/user-error.js';

const REF = resolve(process.cwd(), 'reference/scalesim');
const configFiles = ['original', 'variants'].flatMap((dir) =>
  readdirSync(join(REF, 'configs', dir))
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => join(REF, 'configs', dir, f)),
);

const MINIMAL = `[general]
run_name = tiny

[architecture_presets]
ArrayHeight: 4
ArrayWidth: 8
IfmapSramSzkB: 1
FilterSramSzkB: 2
OfmapSramSzkB: 3
Dataflow: ws
Bandwidth: 10

[run_presets]
InterfaceBandwidth: CALC
`;

describe('parseScalesimConfig on the SCALE-Sim v2 reference configs', () => {
  it('finds all 16 reference configs', () => {
    expect(configFiles).toHaveLength(16);
  });

  it.each(configFiles)('reads %s into an arch that validates and builds', (file) => {
    const cfg = parseScalesimConfig(readFileSync(file, 'utf8'), file);
    const spec = validateAgainst<ArchSpec>(ArchSpec, configToArchSpec(cfg, { file }), file);
    const arch = buildArch(spec, file);
    expect(systolicOf(arch)).toMatchObject({
      rows: cfg.arrayHeight,
      cols: cfg.arrayWidth,
      dataflow: cfg.dataflow,
      foldTiming: 'sequential',
      groupPacking: 'none',
    });
    expect(arch.clockHz).toBe(1e9);
    expect(arch.sram.map((b) => [b.name, b.bytes, b.holds])).toEqual([
      ['ifmap', cfg.ifmapSramKB * 1024, ['input']],
      ['filter', cfg.filterSramKB * 1024, ['weight']],
      ['ofmap', cfg.ofmapSramKB * 1024, ['output']],
    ]);
    if (file.includes('userbw')) {
      expect(cfg.interfaceBandwidth).toBe('USER');
      expect(arch.dram.ideal).toBe(false);
      expect(arch.dram.bytesPerSecond).toBe(cfg.bandwidthWordsPerCycle! * 1e9);
      expect(arch.dram.latencySeconds).toBeCloseTo(1e-9, 20);
    } else {
      expect(cfg.interfaceBandwidth).toBe('CALC');
      expect(arch.dram.ideal).toBe(true);
    }
  });

  it('reads the three original configs with the sizes NOTES.md gives', () => {
    const read = (name: string) => parseScalesimConfig(readFileSync(join(REF, 'configs/original', `${name}.cfg`), 'utf8'), name);
    expect(read('google')).toMatchObject({
      arrayHeight: 256,
      arrayWidth: 256,
      ifmapSramKB: 6144,
      filterSramKB: 6144,
      ofmapSramKB: 2048,
      dataflow: 'ws',
    });
    expect(read('scale')).toMatchObject({
      arrayHeight: 32,
      arrayWidth: 32,
      ifmapSramKB: 64,
      filterSramKB: 64,
      ofmapSramKB: 64,
      dataflow: 'os',
    });
    expect(read('eyeriss')).toMatchObject({
      arrayHeight: 12,
      arrayWidth: 14,
      ifmapSramKB: 36,
      filterSramKB: 36,
      ofmapSramKB: 36,
      dataflow: 'ws',
    });
  });

  it('reads the Bandwidth of the USER-mode variants (10 and 2 words/cycle)', () => {
    const bw = (name: string) =>
      parseScalesimConfig(readFileSync(join(REF, 'configs/variants', `${name}.cfg`), 'utf8'), name).bandwidthWordsPerCycle;
    expect(bw('scale-userbw10')).toBe(10);
    expect(bw('scale-userbw2')).toBe(2);
  });
});

describe('parseScalesimConfig tolerates what configparser tolerates', () => {
  it('accepts "key: value" and "key = value", any spacing, trailing spaces, CRLF and upper-case values', () => {
    const text =
      '[general]\r\nrun_name=x  \r\n[Architecture_Presets]\r\narrayheight =4 \r\nArrayWidth:8\t\r\n  IfmapSramSzkB :  1\r\nFilterSramSzkB=2\r\nOfmapSramSzkB   :   3   \r\nDataflow = OS \r\n[run_presets]\r\nInterfaceBandwidth: calc\r\n';
    expect(parseScalesimConfig(text, 'a.cfg')).toEqual({
      runName: 'x',
      arrayHeight: 4,
      arrayWidth: 8,
      ifmapSramKB: 1,
      filterSramKB: 2,
      ofmapSramKB: 3,
      dataflow: 'os',
      interfaceBandwidth: 'CALC',
    });
  });

  it('ignores unknown keys and sections, and comments', () => {
    const text = `# a comment\n; another\n${MINIMAL}\n[extra]\nFoo: bar\n`.replace(
      'Dataflow: ws',
      'Dataflow: ws\nSomethingNew: 42\nMemoryBanks: 1',
    );
    expect(parseScalesimConfig(text, 'a.cfg')).toMatchObject({ arrayHeight: 4, dataflow: 'ws' });
  });

  it('defaults InterfaceBandwidth to CALC when it is absent', () => {
    const cfg = parseScalesimConfig(MINIMAL.replace('InterfaceBandwidth: CALC', ''), 'a.cfg');
    expect(cfg.interfaceBandwidth).toBe('CALC');
  });

  it('uses the first value of a per-operand Bandwidth list, as SCALE-Sim does', () => {
    const cfg = parseScalesimConfig(MINIMAL.replace('Bandwidth: 10', 'Bandwidth: 4, 8, 16').replace('CALC', 'USER'), 'a.cfg');
    expect(cfg.bandwidthWordsPerCycle).toBe(4);
  });
});

describe('parseScalesimConfig rejects mistakes with the key and what was expected', () => {
  it.each(['ArrayHeight', 'ArrayWidth', 'IfmapSramSzkB', 'FilterSramSzkB', 'OfmapSramSzkB', 'Dataflow'])(
    'a missing %s is a UserError naming the key',
    (key) => {
      const text = MINIMAL.split('\n')
        .filter((l) => !l.startsWith(`${key}:`))
        .join('\n');
      const err = userError(() => parseScalesimConfig(text, 'a.cfg'));
      expect(err.problems[0]).toMatchObject({ file: 'a.cfg', path: `[architecture_presets]/${key}` });
      expect(err.message).toContain('required key is missing');
    },
  );

  it.each([
    ['ArrayHeight: abc', 'ArrayHeight'],
    ['ArrayHeight: 0', 'ArrayHeight'],
    ['ArrayHeight: 12.5', 'ArrayHeight'],
    ['ArrayHeight: -4', 'ArrayHeight'],
    ['IfmapSramSzkB: 64kB', 'IfmapSramSzkB'],
    ['ArrayHeight:', 'ArrayHeight'],
  ])('"%s" is a UserError at [architecture_presets]/%s', (line, key) => {
    const text = MINIMAL.replace(new RegExp(`^${key}:.*$`, 'm'), line);
    const err = userError(() => parseScalesimConfig(text, 'a.cfg'));
    expect(err.problems[0].path).toBe(`[architecture_presets]/${key}`);
    expect(err.message).toMatch(/line \d+/);
  });

  it('rejects an unknown dataflow, listing the allowed ones', () => {
    const err = userError(() => parseScalesimConfig(MINIMAL.replace('Dataflow: ws', 'Dataflow: rs'), 'a.cfg'));
    expect(err.problems[0].path).toBe('[architecture_presets]/Dataflow');
    expect(err.message).toContain('os, ws, is');
  });

  it('rejects an unknown InterfaceBandwidth mode', () => {
    const err = userError(() => parseScalesimConfig(MINIMAL.replace('CALC', 'FAST'), 'a.cfg'));
    expect(err.problems[0].path).toBe('[run_presets]/InterfaceBandwidth');
  });

  it('requires Bandwidth in USER mode, and a positive number there', () => {
    const user = MINIMAL.replace('CALC', 'USER');
    expect(userError(() => parseScalesimConfig(user.replace('Bandwidth: 10\n', ''), 'a.cfg')).problems[0].path).toBe(
      '[architecture_presets]/Bandwidth',
    );
    expect(userError(() => parseScalesimConfig(user.replace('Bandwidth: 10', 'Bandwidth: 0'), 'a.cfg')).message).toContain('> 0');
    expect(userError(() => parseScalesimConfig(user.replace('Bandwidth: 10', 'Bandwidth: fast'), 'a.cfg')).problems[0].path).toBe(
      '[architecture_presets]/Bandwidth',
    );
  });

  it('says where a key in the wrong section is', () => {
    const text = MINIMAL.replace('ArrayHeight: 4\n', '').replace('run_name = tiny', 'run_name = tiny\nArrayHeight: 4');
    expect(userError(() => parseScalesimConfig(text, 'a.cfg')).message).toContain('found in [general] instead');
  });

  it('rejects lines that are not key/value pairs, keys before any section, and duplicate keys', () => {
    expect(userError(() => parseScalesimConfig(MINIMAL.replace('ArrayWidth: 8', 'ArrayWidth 8'), 'a.cfg')).problems[0].path).toBe(
      'line 6',
    );
    expect(userError(() => parseScalesimConfig(`ArrayHeight: 4\n${MINIMAL}`, 'a.cfg')).message).toContain('before any [section]');
    expect(
      userError(() => parseScalesimConfig(MINIMAL.replace('ArrayWidth: 8', 'ArrayWidth: 8\narraywidth: 9'), 'a.cfg')).message,
    ).toContain('given twice');
  });
});

describe('configToArchSpec', () => {
  const cfg = parseScalesimConfig(MINIMAL, 'dir/tiny.cfg');

  it('names every field after the config file and key it came from', () => {
    const spec = configToArchSpec(cfg, { file: 'dir/tiny.cfg' });
    expect(spec.compute.array).toMatchObject({
      rows: { value: 4, source: 'SCALE-Sim config tiny.cfg key ArrayHeight' },
      cols: { value: 8, source: 'SCALE-Sim config tiny.cfg key ArrayWidth' },
    });
    expect(spec.memory.sram.filter.size).toMatchObject({ value: 2048 });
    expect((spec.memory.sram.filter.size as { source: string }).source).toContain('SCALE-Sim config tiny.cfg key FilterSramSzkB');
    expect(spec.clock).toEqual({ value: 1e9, source: 'estimated: SCALE-Sim has no clock; 1 GHz makes 1 cycle = 1 ns' });
    expect(spec.memory.dram).toMatchObject({ ideal: true });
  });

  it('turns USER bandwidth into one shared channel of Bandwidth bytes per cycle at 1 GHz, and says so', () => {
    const user = parseScalesimConfig(MINIMAL.replace('CALC', 'USER'), 'tiny.cfg');
    const dram = configToArchSpec(user, { file: 'tiny.cfg' }).memory.dram;
    expect(dram.bandwidth).toMatchObject({ value: 1e10 });
    expect((dram.bandwidth as { source: string }).source).toMatch(/own port.*share one channel/);
    expect(dram.latency).toMatchObject({ value: 1e-9 });
  });

  it('takes the name from run_name, else the file stem, made to fit the name pattern', () => {
    expect(configToArchSpec(cfg, { file: 'x.cfg' }).name).toBe('tiny');
    const { runName: _drop, ...unnamed } = cfg;
    expect(configToArchSpec(unnamed, { file: 'dir/my config (v2).cfg' }).name).toBe('my-config-v2');
    expect(configToArchSpec({ ...cfg, runName: '__run 1' }, { file: 'x.cfg' }).name).toBe('run-1');
    expect(configToArchSpec({ ...cfg, runName: '***' }, { file: 'x.cfg' }).name).toBe('scalesim');
  });
});
