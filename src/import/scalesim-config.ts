import { basename, extname } from 'node:path';
import type { ArchSpec } from '../config/schemas/arch.js';
import { fail } from '../config/user-error.js';

/** A SCALE-Sim v2 architecture config (`.cfg`, INI), read but not yet converted. */
export interface ScalesimConfig {
  /** `[general] run_name`, if given. */
  readonly runName?: string;
  /** `ArrayHeight`: PE rows. */
  readonly arrayHeight: number;
  /** `ArrayWidth`: PE columns. */
  readonly arrayWidth: number;
  /** SRAM capacities in kB (1 kB = 1024 words, 1 word = 1 byte in SCALE-Sim). */
  readonly ifmapSramKB: number;
  readonly filterSramKB: number;
  readonly ofmapSramKB: number;
  readonly dataflow: 'os' | 'ws' | 'is';
  /** `[run_presets] InterfaceBandwidth`: CALC = stall-free DRAM, USER = `Bandwidth` words/cycle. */
  readonly interfaceBandwidth: 'CALC' | 'USER';
  /** `Bandwidth` in words/cycle per operand (the first value if a list is given); only set when given. */
  readonly bandwidthWordsPerCycle?: number;
}

const ARCH = 'architecture_presets';

/** One `key: value` of an INI file, with where it was found. */
interface IniEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/**
 * Reads INI text as SCALE-Sim's configparser does: `[section]` headers, `key: value` or
 * `key = value`, `#`/`;` comments; section and key names compare case-insensitively.
 */
function parseIni(text: string, file: string): Map<string, Map<string, IniEntry>> {
  const sections = new Map<string, Map<string, IniEntry>>();
  let current: Map<string, IniEntry> | undefined;
  let currentName = '';
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
      const header = /^\[\s*([^\]]*?)\s*\]$/.exec(trimmed);
      if (header) {
        currentName = header[1].toLowerCase();
        current = sections.get(currentName) ?? new Map<string, IniEntry>();
        sections.set(currentName, current);
        return;
      }
      const sep = /[:=]/.exec(trimmed);
      if (!sep || sep.index === 0)
        fail(file, `line ${line}`, `expected "key: value", "key = value" or "[section]", got ${JSON.stringify(trimmed)}`);
      if (!current) fail(file, `line ${line}`, `"${trimmed}" comes before any [section] header`);
      const key = trimmed.slice(0, sep.index).trim();
      const value = trimmed
        .slice(sep.index + 1)
        .replace(/\s[#;].*$/, '')
        .trim();
      const previous = current.get(key.toLowerCase());
      if (previous)
        fail(file, `line ${line}`, `key "${key}" is given twice in [${currentName}] (first on line ${previous.line})`);
      current.set(key.toLowerCase(), { key, value, line });
    });
  return sections;
}

/** Parses a SCALE-Sim v2 `.cfg` file. Unknown keys are ignored; missing or malformed required ones are UserErrors. */
export function parseScalesimConfig(text: string, file: string): ScalesimConfig {
  const ini = parseIni(text, file);
  const where = (section: string, key: string) => `[${section}]/${key}`;

  const lookup = (section: string, key: string): IniEntry | undefined => ini.get(section)?.get(key.toLowerCase());
  const required = (section: string, key: string): IniEntry => {
    const e = lookup(section, key);
    if (e && e.value !== '') return e;
    if (e) return fail(file, where(section, key), `line ${e.line}: value is empty`);
    const elsewhere = [...ini.entries()].find(([, keys]) => keys.has(key.toLowerCase()))?.[0];
    const hint = elsewhere === undefined ? '' : ` (found in [${elsewhere}] instead)`;
    return fail(file, where(section, key), `required key is missing${hint}`);
  };
  const positiveInt = (section: string, key: string): number => {
    const e = required(section, key);
    if (!/^\+?\d+$/.test(e.value) || Number(e.value) < 1) {
      fail(file, where(section, key), `line ${e.line}: expected a whole number ≥ 1, got ${JSON.stringify(e.value)}`);
    }
    return Number(e.value);
  };
  const choice = <T extends string>(section: string, key: string, allowed: readonly T[], normalise: (s: string) => string): T => {
    const e = required(section, key);
    const v = normalise(e.value) as T;
    if (!allowed.includes(v))
      fail(file, where(section, key), `line ${e.line}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(e.value)}`);
    return v;
  };

  const runName = lookup('general', 'run_name')?.value;
  const arrayHeight = positiveInt(ARCH, 'ArrayHeight');
  const arrayWidth = positiveInt(ARCH, 'ArrayWidth');
  const ifmapSramKB = positiveInt(ARCH, 'IfmapSramSzkB');
  const filterSramKB = positiveInt(ARCH, 'FilterSramSzkB');
  const ofmapSramKB = positiveInt(ARCH, 'OfmapSramSzkB');
  const dataflow = choice(ARCH, 'Dataflow', ['os', 'ws', 'is'] as const, (s) => s.toLowerCase());
  const interfaceBandwidth = lookup('run_presets', 'InterfaceBandwidth')
    ? choice('run_presets', 'InterfaceBandwidth', ['CALC', 'USER'] as const, (s) => s.toUpperCase())
    : 'CALC';

  let bandwidthWordsPerCycle: number | undefined;
  const bw = lookup(ARCH, 'Bandwidth');
  if (interfaceBandwidth === 'USER' || (bw && bw.value !== '')) {
    const e = interfaceBandwidth === 'USER' ? required(ARCH, 'Bandwidth') : bw!;
    // SCALE-Sim accepts a comma-separated list (one per operand) but uses one value for all.
    const values = e.value.split(',').map((s) => s.trim());
    for (const v of values) {
      if (!/^\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !(Number(v) > 0)) {
        fail(
          file,
          where(ARCH, 'Bandwidth'),
          `line ${e.line}: expected a number of words per cycle > 0, got ${JSON.stringify(e.value)}`,
        );
      }
      // The bounds an arch's bandwidth has (1 kB/s to 1 PB/s) at SCALE-Sim's 1 byte per word and 1 GHz.
      if (Number(v) < 1e-6 || Number(v) > 1e6) {
        fail(
          file,
          where(ARCH, 'Bandwidth'),
          `line ${e.line}: ${v} words per cycle is outside any plausible link (1e-6 to 1e6, i.e. 1 kB/s to 1 PB/s at 1 byte per word and 1 GHz)`,
        );
      }
    }
    bandwidthWordsPerCycle = Number(values[0]);
  }

  return {
    ...(runName ? { runName } : {}),
    arrayHeight,
    arrayWidth,
    ifmapSramKB,
    filterSramKB,
    ofmapSramKB,
    dataflow,
    interfaceBandwidth,
    ...(bandwidthWordsPerCycle === undefined ? {} : { bandwidthWordsPerCycle }),
  };
}

/** Turns any text into a document/layer name matching `^[A-Za-z0-9][A-Za-z0-9._-]*$`, or `fallback`. */
export function sanitiseName(text: string, fallback: string): string {
  const s = text
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** The file name without folder and extension. */
export const fileStem = (file: string): string => basename(file, extname(file));

/** SCALE-Sim has no clock; we pick 1 GHz so that 1 cycle = 1 ns. */
export const SCALESIM_CLOCK_HZ = 1e9;

/**
 * The picojoule arch document equivalent to a SCALE-Sim config: one systolic array with
 * sequential folds, three SRAMs (ifmap/filter/ofmap, kB × 1024 bytes), ideal DRAM for CALC or
 * `Bandwidth` bytes/cycle for USER. `meta.file` names the config in every field's source.
 */
export function configToArchSpec(cfg: ScalesimConfig, meta: { file: string; name?: string }): ArchSpec {
  const cfgName = basename(meta.file);
  const from = (key: string) => `SCALE-Sim config ${cfgName} key ${key}`;
  const sourced = <T>(value: T, key: string) => ({ value, source: from(key) });
  const sram = (kB: number, key: string, role: 'input' | 'weight' | 'output', operand: string) => ({
    size: { value: kB * 1024, source: `${from(key)} (${kB} kB × 1024; SCALE-Sim: 1 word = 1 byte)` },
    holds: [role],
    source: `${from(key)}: SCALE-Sim's ${operand} SRAM (double-buffered there, half active, half prefetch)`,
  });

  const dram: ArchSpec['memory']['dram'] =
    cfg.interfaceBandwidth === 'CALC'
      ? { ideal: true, source: `${from('InterfaceBandwidth')} = CALC: DRAM is assumed as fast as needed, reads never stall` }
      : {
          bandwidth: {
            value: cfg.bandwidthWordsPerCycle! * 1 * SCALESIM_CLOCK_HZ,
            source:
              `${from('Bandwidth')} = ${cfg.bandwidthWordsPerCycle} words/cycle × 1 byte/word × 1 GHz (InterfaceBandwidth = USER); ` +
              'SCALE-Sim gives each operand (ifmap, filter, ofmap) its own port at this rate, here they share one channel',
          },
          latency: { value: 1 / SCALESIM_CLOCK_HZ, source: 'SCALE-Sim DRAM read latency: 1 cycle (writes 0) at 1 GHz' },
          source: `${from('InterfaceBandwidth')} = USER`,
        };

  return {
    version: 1,
    name: sanitiseName(meta.name ?? cfg.runName ?? fileStem(meta.file), 'scalesim'),
    description: `Imported from SCALE-Sim v2 config ${cfgName}: ${cfg.arrayHeight}x${cfg.arrayWidth} ${cfg.dataflow.toUpperCase()} systolic array.`,
    source: `SCALE-Sim v2 config ${cfgName}`,
    clock: { value: SCALESIM_CLOCK_HZ, source: 'estimated: SCALE-Sim has no clock; 1 GHz makes 1 cycle = 1 ns' },
    compute: {
      array: {
        kind: 'systolic-array',
        rows: sourced(cfg.arrayHeight, 'ArrayHeight'),
        cols: sourced(cfg.arrayWidth, 'ArrayWidth'),
        dataflow: cfg.dataflow,
        foldTiming: 'sequential',
        groupPacking: 'none',
        source:
          `${from('Dataflow')} = ${cfg.dataflow}; foldTiming sequential because SCALE-Sim's folds never overlap; ` +
          'groupPacking none because SCALE-Sim runs each channel of a depthwise (DP) layer as a layer of its own',
      },
    },
    memory: {
      sram: {
        ifmap: sram(cfg.ifmapSramKB, 'IfmapSramSzkB', 'input', 'ifmap'),
        filter: sram(cfg.filterSramKB, 'FilterSramSzkB', 'weight', 'filter'),
        ofmap: sram(cfg.ofmapSramKB, 'OfmapSramSzkB', 'output', 'ofmap'),
      },
      dram,
    },
    // SCALE-Sim reads every layer's operands from DRAM and writes every ofmap back.
    options: { cacheWeights: false, keepActivationsOnChip: false, mapping: 'scalesim' },
  };
}
