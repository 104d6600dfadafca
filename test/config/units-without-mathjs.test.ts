import { describe, expect, it } from '@jest/globals';
import { mathjsLoaded } from '../../src/config/units.js';
import { listPresets } from '../../src/load/list-presets.js';
import { loadArch } from '../../src/load/load-arch.js';
import { listCostTables, loadCostTable } from '../../src/load/load-cost-table.js';
import { listAreaTables, loadAreaTable } from '../../src/load/load-area-table.js';
import { listWorkloads, loadWorkload } from '../../src/load/load-workload.js';

// Its own file: jest gives each test file its own module registry, so nothing else here loads mathjs.
describe('the shipped documents read without mathjs', () => {
  it('loads every preset, cost table, area table and workload with the fast unit reader alone', () => {
    const presets = listPresets();
    for (const p of presets) loadArch(p.name);
    for (const t of listCostTables()) loadCostTable(t);
    for (const t of listAreaTables()) loadAreaTable(t);
    for (const w of listWorkloads()) loadWorkload(w.name);
    expect(presets.length).toBeGreaterThan(10);
    expect(mathjsLoaded()).toBe(false);
  });
});
