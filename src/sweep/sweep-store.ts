import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { readJson } from '../config/read-json.js';
import { fail } from '../config/user-error.js';
import { batches, ensureDir, writeChunksAtomic, writeFileAtomic } from '../report/write-atomic.js';
import type { SweepRow } from './evaluate-point.js';
import type { Sweep } from './load-sweep.js';
import type { Shard } from './run-sweep.js';

/** The rows file of a sweep output folder (one JSON object per line, appended as runs finish). */
export const rowsFile = (dir: string): string => join(dir, 'results.jsonl');
const manifestFile = (dir: string) => join(dir, 'sweep.json');
const lockFile = (dir: string) => join(dir, '.lock');

/** What a sweep folder says about itself: whose rows it holds, and what its pages need to show them. */
export interface Manifest {
  readonly schema: 'picojoule/sweep-folder@1';
  readonly name: string;
  /** Hash of the sweep document; shards of one sweep share it. */
  readonly specHash: string;
  /** The shard these rows are, or null for a whole sweep (a run of it, or merged shards). */
  readonly shard: Shard | null;
  readonly parameters: readonly string[];
  readonly objectives: readonly string[];
  readonly constraints: Sweep['constraints'];
  readonly workloads: readonly string[];
}

/** The manifest of a sweep run. */
export const manifestOf = (sweep: Sweep, shard: Shard | null): Manifest => ({
  schema: 'picojoule/sweep-folder@1',
  name: sweep.name,
  specHash: sweep.specHash,
  shard,
  parameters: sweep.parameters.map((p) => p.key),
  objectives: sweep.objectives,
  constraints: sweep.constraints,
  workloads: sweep.workloads.map((w) => w.ref),
});

/** The folder's manifest, if it has one. */
export function readManifest(dir: string): Manifest | undefined {
  if (!existsSync(manifestFile(dir))) return undefined;
  return readJson(manifestFile(dir)) as Manifest;
}

/**
 * Claims a folder for a sweep: refuses one holding another sweep's rows (by name) or a different
 * shard of it, then writes the manifest. An edited sweep of the same name may reuse its folder:
 * the rows of points it no longer has are left out of its outputs.
 */
export function claimFolder(dir: string, manifest: Manifest): void {
  const old = readManifest(dir);
  if (old && old.name !== manifest.name) {
    fail(dir, undefined, `this folder holds the rows of sweep "${old.name}", not "${manifest.name}"; give another --out`);
  }
  if (old && JSON.stringify(old.shard) !== JSON.stringify(manifest.shard)) {
    const what = (s: Shard | null) => (s ? `shard ${s.k}/${s.n}` : 'the whole sweep');
    fail(
      dir,
      undefined,
      `this folder holds ${what(old.shard)} of "${old.name}", not ${what(manifest.shard)}; give another --out`,
    );
  }
  writeFileAtomic(manifestFile(dir), JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Takes the folder's write lock (one writer per folder), or fails naming the process that holds
 * it. A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function lockFolder(dir: string): () => void {
  ensureDir(dir);
  const file = lockFile(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let held = true;
      const release = () => {
        if (held) rmSync(file, { force: true });
        held = false;
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (alive(pid))
        fail(dir, undefined, `another picojoule (process ${pid}) is writing to this folder; wait for it, or give another --out`);
      rmSync(file, { force: true });
    }
  }
  return fail(dir, undefined, 'could not take the folder lock');
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Appends rows as they finish. The file is flushed to disk about once a second: a killed process
 * loses nothing it wrote (the OS has it), and a machine crash at most the last second.
 */
export class RowWriter {
  private readonly fd: number;
  private lastSync = Date.now();

  constructor(dir: string) {
    ensureDir(dir);
    this.fd = openSync(rowsFile(dir), 'a');
  }

  append(rows: readonly SweepRow[]): void {
    writeSync(this.fd, rowLines(rows));
    if (Date.now() - this.lastSync > 1000) this.sync();
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }

  private sync(): void {
    fsyncSync(this.fd);
    this.lastSync = Date.now();
  }
}

/** The rows in a folder, and whether its last line was torn (a run killed mid-write) and left out. */
export interface FolderRows {
  readonly rows: SweepRow[];
  readonly tornLine: boolean;
}

/**
 * Reads a folder's rows (none if it has no rows file). A last line cut short by a kill is left
 * out and reported; a bad line anywhere else is a corrupt file and fails naming the line. Of rows
 * with the same key the last wins.
 */
export function readRows(dir: string): FolderRows {
  const byKey = new Map<string, SweepRow>();
  const { tornLine } = scanRows(dir, (row) => byKey.set(row.key, row));
  return { rows: [...byKey.values()], tornLine };
}

/** The keys of a folder's rows without keeping the rows (what a resuming run needs to know). */
export function readKeys(dir: string): { keys: Set<string>; tornLine: boolean } {
  const keys = new Set<string>();
  const { tornLine } = scanRows(dir, (row) => keys.add(row.key));
  return { keys, tornLine };
}

/** Cuts a torn last line off the rows file (before rows are appended after it). */
export function dropTornLine(dir: string): void {
  const { wholeBytes } = scanRows(dir, () => {});
  truncateSync(rowsFile(dir), wholeBytes);
}

/**
 * Hands each row of a folder to `onRow`, in file order (none if it has no rows file). A last line
 * cut short by a kill is left out and reported, with the bytes before it; a bad line anywhere
 * else is a corrupt file and fails naming the line.
 */
function scanRows(dir: string, onRow: (row: SweepRow) => void): { tornLine: boolean; wholeBytes: number } {
  const file = rowsFile(dir);
  if (!existsSync(file)) return { tornLine: false, wholeBytes: 0 };
  // A line that does not parse may only be the last whole one (a kill mid-write, then a newline
  // from a later append): it is held until the next line shows whether it was the last.
  let bad: number | undefined;
  let n = 0;
  let bytes = 0;
  let goodBytes = 0;
  const tail = eachLine(file, (line) => {
    n++;
    if (bad !== undefined) damaged(file, bad);
    bytes += Buffer.byteLength(line) + 1;
    if (line.trim() === '') return;
    let row: SweepRow;
    try {
      row = JSON.parse(line) as SweepRow;
    } catch {
      bad = n;
      return;
    }
    if (typeof row?.key !== 'string' || typeof row.point !== 'number') fail(file, undefined, `line ${n} is not a sweep row`);
    goodBytes = bytes;
    onRow(row);
  });
  // Rows are written whole, newline last: text after the last newline is a write cut short.
  if (bad !== undefined && tail !== '') damaged(file, bad);
  const tornLine = bad !== undefined || tail !== '';
  return { tornLine, wholeBytes: tornLine ? goodBytes : bytes };
}

const damaged = (file: string, line: number): never =>
  fail(file, undefined, `line ${line} is not JSON: the file is damaged (only a cut-short last line can be skipped)`);

/**
 * Calls `onLine` with each newline-terminated line of a file, reading it a megabyte at a time
 * (a 100k-row file is never one string). Returns the text after the last newline.
 */
function eachLine(file: string, onLine: (line: string) => void): string {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const got = readSync(fd, buffer, 0, buffer.length, null);
      if (got === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, got));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } finally {
    closeSync(fd);
  }
  return rest + decoder.end();
}

/** Rows as the rows file holds them: one JSON object per line. */
const rowLines = (rows: readonly SweepRow[]): string => rows.map((r) => JSON.stringify(r) + '\n').join('');

/** Rows in their reported order: by point, then workload. */
export const sortRows = (rows: readonly SweepRow[]): SweepRow[] =>
  [...rows].sort((a, b) => a.point - b.point || (a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : 0));

/** Rewrites the rows file with exactly these rows, in order (atomically). */
export function writeRows(dir: string, rows: readonly SweepRow[]): void {
  writeChunksAtomic(
    rowsFile(dir),
    (function* () {
      for (const batch of batches(rows, 1000)) yield rowLines(batch);
    })(),
  );
}
