import { formatCount } from '../src/report/format.js';
import { plainTable } from '../src/report/plain-table.js';
import { simulate } from '../src/sim/simulate.js';
import { type Arch } from '../src/hardware/arch.js';
import { loadArch } from '../src/load/load-arch.js';
import { listPresets } from '../src/load/list-presets.js';
import type { Graph } from '../src/workload/graph.js';
import { listWorkloads, loadWorkload } from '../src/load/load-workload.js';
import { collectGarbage, heapAfter } from './heap-after.js';
import { trySimulate } from './try-simulate.js';

const MB = 1024 * 1024;

/** `small` if it simulates on the arch, else the built-in network with the fewest layers that does. */
function smallestThatRuns(arch: Arch, small: string, exclude: string): Graph | undefined {
  const candidates = listWorkloads()
    .filter((w) => w.name !== exclude)
    .sort((a, b) => (a.name === small ? -1 : b.name === small ? 1 : a.layers - b.layers || a.macs - b.macs));
  for (const w of candidates) {
    const g = loadWorkload(w.name);
    if (trySimulate(arch, g).ok) return g;
  }
  return undefined;
}

/**
 * Prints, per preset, the V8 heap in use after simulating `big` vs after `small` (results kept,
 * garbage collected, both graphs loaded beforehand): a ratio near 1 means memory is flat in
 * network size. Needs `--expose-gc`; says so and returns otherwise.
 */
export function printMemoryFlat(small: string, big: string): void {
  console.log(`\nMemory flat in network size: V8 heap in use after simulate() (result kept, garbage collected), ${big}`);
  console.log(`vs ${small} on the same preset (if ${small} cannot run there: the built-in network with the fewest`);
  console.log('layers that can); both graphs are loaded before measuring, so the difference is what a run keeps.');
  if (!collectGarbage) {
    console.log('  skipped: global.gc is missing (run with node --expose-gc, as `npm run bench` does).');
    return;
  }
  const table = plainTable(
    ['preset', 'small network', 'layers', 'heap after small', `heap after ${big}`, 'ratio', `extra per ${big} layer`],
    [2, 3, 4, 5, 6],
  );
  const bigGraph = loadWorkload(big);
  for (const preset of listPresets()) {
    const arch = loadArch(preset.name);
    const smallGraph = smallestThatRuns(arch, small, big);
    if (!smallGraph || !trySimulate(arch, bigGraph).ok) continue;
    const smallHeap = heapAfter(() => simulate(arch, smallGraph))!;
    const bigHeap = heapAfter(() => simulate(arch, bigGraph))!;
    const extraLayers = Math.max(1, bigGraph.layers.length - smallGraph.layers.length);
    table.push([
      preset.name,
      smallGraph.name,
      String(smallGraph.layers.length),
      `${(smallHeap / MB).toFixed(2)} MB`,
      `${(bigHeap / MB).toFixed(2)} MB`,
      `${(bigHeap / smallHeap).toFixed(2)}×`,
      `${formatCount(Math.max(0, bigHeap - smallHeap) / extraLayers)} B`,
    ]);
  }
  console.log(table.toString());
}
