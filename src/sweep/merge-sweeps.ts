import { existsSync } from 'node:fs';
import { fail } from '../config/user-error.js';
import type { SweepRow } from './evaluate-point.js';
import { writeOutputs, type ParetoFile } from './summarize.js';
import { claimFolder, lockFolder, readManifest, readRows, type Manifest } from './sweep-store.js';

/**
 * Merges the folders of a sweep's shards into one with the files a single run writes. Refuses
 * (naming the folder) a missing or empty folder, a folder of another sweep or another version of
 * it, a shard given twice, and a shard missing. Linear in the rows.
 */
export async function mergeSweeps(dirs: readonly string[], out: string): Promise<{ rows: number; pareto: ParetoFile }> {
  if (!dirs.length) fail('merge', undefined, 'expected the output folders of a sweep’s shards');
  const manifests = dirs.map((d) => {
    if (!existsSync(d)) fail(d, undefined, 'folder not found');
    const m = readManifest(d);
    if (!m) fail(d, undefined, 'not a sweep folder (no sweep.json): expected the --out folder of `picojoule sweep`');
    return m;
  });
  const first = manifests[0];
  manifests.forEach((m, i) => {
    if (m.name !== first.name) fail(dirs[i], undefined, `holds sweep "${m.name}", but ${dirs[0]} holds "${first.name}"`);
    if (m.specHash !== first.specHash)
      fail(
        dirs[i],
        undefined,
        `was run from a different version of sweep "${m.name}" than ${dirs[0]} (its file changed between the runs)`,
      );
  });
  checkShards(dirs, manifests);
  const rows = new Map<string, SweepRow>();
  dirs.forEach((d) => {
    const { rows: mine } = readRows(d);
    if (!mine.length) fail(d, undefined, 'has no rows (results.jsonl is missing or empty)');
    for (const r of mine) rows.set(r.key, r);
  });
  const manifest: Manifest = { ...first, shard: null };
  const release = lockFolder(out);
  try {
    claimFolder(out, manifest);
    const all = [...rows.values()];
    return { rows: all.length, pareto: await writeOutputs(out, all, manifest) };
  } finally {
    release();
  }
}

/** Shards must each be given once, all of one split (k/n), and none missing. */
function checkShards(dirs: readonly string[], manifests: readonly Manifest[]): void {
  const shards = manifests.map((m) => m.shard);
  if (shards.every((s) => s === null)) {
    if (dirs.length > 1) fail(dirs[1], undefined, `holds the whole sweep, as ${dirs[0]} does: there is nothing to merge`);
    return;
  }
  const n = shards.find((s) => s !== null)!.n;
  const seen = new Map<number, string>();
  shards.forEach((s, i) => {
    if (!s) return fail(dirs[i], undefined, `holds the whole sweep, not a shard of ${n}`);
    if (s.n !== n) fail(dirs[i], undefined, `is shard ${s.k}/${s.n}, but the others are shards of ${n}`);
    const other = seen.get(s.k);
    if (other) fail(dirs[i], undefined, `is shard ${s.k}/${n}, which ${other} is too: each shard once`);
    seen.set(s.k, dirs[i]);
  });
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length)
    fail(
      dirs.join(', '),
      undefined,
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${n}`).join(', ')} missing`,
    );
}
