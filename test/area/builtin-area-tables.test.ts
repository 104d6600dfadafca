import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtinAreaTablesPath, builtinAreaTablesText } from '../../scripts/write-builtin-cost-tables.js';
import { BUILTIN_AREA_TABLES } from '../../src/area/builtin-area-tables.js';
import { listAreaTables } from '../../src/load/load-area-table.js';

describe('built-in area tables compiled into the library', () => {
  it('are exactly the JSON tables, parsed (run `npm run schemas` after editing arch-configs/tech/area/)', () => {
    expect(readFileSync(builtinAreaTablesPath(), 'utf8')).toBe(builtinAreaTablesText());
  });

  it('hold every table in arch-configs/tech/area/, each entry with a source', () => {
    expect(Object.keys(BUILTIN_AREA_TABLES).sort()).toEqual(listAreaTables().sort());
    for (const t of Object.values(BUILTIN_AREA_TABLES)) {
      expect(Object.keys(t.sources).length).toBeGreaterThanOrEqual(29);
      for (const s of Object.values(t.sources)) expect(s.length).toBeGreaterThan(10);
    }
  });
});
