import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtinTablesPath, builtinTablesText } from '../../scripts/write-builtin-cost-tables.js';
import { BUILTIN_COST_TABLES } from '../../src/energy/builtin-cost-tables.js';
import { listCostTables } from '../../src/load/load-cost-table.js';

describe('built-in cost tables compiled into the library', () => {
  it('are exactly the JSON tables, parsed (run `npm run schemas` after editing arch-configs/tech/)', () => {
    expect(readFileSync(builtinTablesPath(), 'utf8')).toBe(builtinTablesText());
  });

  it('hold every table in arch-configs/tech/', () => {
    expect(Object.keys(BUILTIN_COST_TABLES).sort()).toEqual(listCostTables().sort());
  });
});
