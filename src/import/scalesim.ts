import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ensureDir } from '../report/write-atomic.js';
import { join } from 'node:path';
import { ArchSpec } from '../config/schemas/arch.js';
import { WorkloadSpec } from '../config/schemas/workload.js';
import { fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import { configToArchSpec, parseScalesimConfig } from './scalesim-config.js';
import { topologyToWorkload } from './scalesim-topology.js';

export {
  configToArchSpec,
  parseScalesimConfig,
  sanitiseName,
  SCALESIM_CLOCK_HZ,
  type ScalesimConfig,
} from './scalesim-config.js';
export {
  ceilPadding,
  isGemmHeader,
  parseScalesimTopology,
  scalesimOutSize,
  topologyToWorkload,
  type ScalesimConvLayer,
  type ScalesimGemmLayer,
  type ScalesimLayer,
} from './scalesim-topology.js';

/** What to import and where to write it. */
export interface ScalesimImportOptions {
  /** SCALE-Sim `.cfg` file (INI). */
  readonly configFile: string;
  /** SCALE-Sim topology `.csv` file. */
  readonly topologyFile: string;
  /** GEMM form (`Layer, M, N, K`) if true, conv form if false; detected from the header if undefined. */
  readonly gemm?: boolean;
  /** Folder to write `arch.json` and `workload.json` into (created if missing). */
  readonly outDir: string;
}

/** The documents written by {@link importScalesim} and where they went. */
export interface ScalesimImportResult {
  readonly arch: ArchSpec;
  readonly workload: WorkloadSpec;
  readonly archFile: string;
  readonly workloadFile: string;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
}

/** Writes `text` to `file` atomically: a temporary file in the same folder, then a rename. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    fail(file, undefined, `cannot write file (${code ?? String(err)})`);
  }
}

/**
 * Converts a SCALE-Sim v2 config + topology into picojoule's arch and workload documents, checks
 * them against their schemas, and writes `outDir/arch.json` and `outDir/workload.json`.
 */
export function importScalesim(options: ScalesimImportOptions): ScalesimImportResult {
  const cfg = parseScalesimConfig(readText(options.configFile), options.configFile);
  const arch = validateAgainst<ArchSpec>(ArchSpec, configToArchSpec(cfg, { file: options.configFile }), options.configFile);
  const workload = validateAgainst<WorkloadSpec>(
    WorkloadSpec,
    topologyToWorkload(readText(options.topologyFile), options.topologyFile, { gemm: options.gemm }),
    options.topologyFile,
  );
  try {
    ensureDir(options.outDir);
  } catch (err) {
    fail(options.outDir, undefined, `cannot create folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const archFile = join(options.outDir, 'arch.json');
  const workloadFile = join(options.outDir, 'workload.json');
  writeAtomically(archFile, `${JSON.stringify(arch, null, 2)}\n`);
  writeAtomically(workloadFile, `${JSON.stringify(workload, null, 2)}\n`);
  return { arch, workload, archFile, workloadFile };
}
