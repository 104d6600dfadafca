import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

// The import graph of src/, read from the source: relative imports between project files, and
// imports of Node's built-in modules.
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const files = walk('src')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split('\\').join('/'));
const IMPORT = /(?:from|import\()\s*['"]([^'"]+)['"]/g;
const graph = new Map(
  files.map((f) => {
    const specs = [...readFileSync(f, 'utf8').matchAll(IMPORT)].map((m) => m[1]);
    const project = specs
      .filter((s) => s.startsWith('.'))
      .map((s) => posix.normalize(posix.join(posix.dirname(f), s)).replace(/\.js$/, '.ts'));
    return [f, { project, node: specs.filter((s) => s.startsWith('node:')) }];
  }),
);
const folderOf = (f: string) => (f.split('/').length > 2 ? f.split('/')[1] : '(root)');

/** The core: what a browser page could run. File access stays in loaders, writers and the CLI. */
const CORE = /^src\/(workload|mapping|hardware|engine|sim|energy)\/|^src\/report\/(?!read-|write-)/;

describe('the layout of src/', () => {
  it('every import resolves to a file of the project', () => {
    const missing = [...graph].flatMap(([f, g]) => g.project.filter((t) => !graph.has(t)).map((t) => `${f} -> ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no import circle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const [f, g] of graph) {
      for (const t of g.project) {
        if (folderOf(f) === folderOf(t)) continue;
        if (!edges.has(folderOf(f))) edges.set(folderOf(f), new Set());
        edges.get(folderOf(f))!.add(folderOf(t));
      }
    }
    const circles: string[] = [];
    const visit = (path: string[]) => {
      for (const next of edges.get(path[path.length - 1]) ?? []) {
        if (next === path[0]) circles.push([...path, next].join(' → '));
        else if (!path.includes(next) && next > path[0]) visit([...path, next]);
      }
    };
    for (const folder of edges.keys()) visit([folder]);
    expect(circles).toEqual([]);
  });

  it('the engine imports nothing else from the project', () => {
    const out = [...graph]
      .filter(([f]) => folderOf(f) === 'engine')
      .flatMap(([, g]) => g.project.filter((t) => folderOf(t) !== 'engine'));
    expect(out).toEqual([]);
  });

  it('the core reaches no node: module, directly or through what it imports', () => {
    const reaches = (start: string): string[] => {
      const seen = new Set<string>();
      const stack = [start];
      while (stack.length) {
        const f = stack.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        stack.push(...(graph.get(f)?.project ?? []));
      }
      return [...seen].flatMap((f) => (graph.get(f)?.node ?? []).map((n) => `${f} imports ${n}`));
    };
    const core = files.filter((f) => CORE.test(f));
    expect(core.length).toBeGreaterThan(50);
    expect(core.flatMap((f) => reaches(f).map((r) => `${f}: ${r}`))).toEqual([]);
  });
});
