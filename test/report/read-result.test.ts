import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { resultJson } from '../../src/report/result-json.js';
import { readResult } from '../../src/report/read-result.js';
import { UserError } from '../../src/config/user-error.js';

const dir = mkdtempSync(join(tmpdir(), 'picojoule-read-result-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemOf(path: string): UserError {
  try {
    readResult(path);
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error(`readResult accepted ${path}`);
}

describe('readResult', () => {
  const result = simulate(loadArch('edge-tpu'), loadWorkload('tiny'));

  it('reads back what `simulate --json` writes', () => {
    expect(readResult(file('ok.json', resultJson(result)))).toEqual(JSON.parse(resultJson(result)));
  });

  it('names the file when it is missing or not JSON', () => {
    expect(problemOf(join(dir, 'missing.json')).message).toBe(`${join(dir, 'missing.json')}: file not found`);
    const bad = file('bad.json', '{ "schema": ');
    expect(problemOf(bad).message).toMatch(new RegExp(`^${bad}: invalid JSON`));
  });

  it('names the file and the JSON path of what a report cannot use', () => {
    const other = file('other.json', JSON.stringify({ schema: 'picojoule/sweep@1' }));
    expect(problemOf(other).message).toBe(
      `${other}: /schema: expected "picojoule/result@1" (a result from \`picojoule simulate --json\`), found "picojoule/sweep@1"`,
    );
    const doc = JSON.parse(resultJson(result));
    doc.totals.seconds = 'fast';
    delete doc.layers[1].energyBreakdownJoules;
    const broken = file('broken.json', JSON.stringify(doc));
    expect(problemOf(broken).problems).toEqual([
      { file: broken, path: '/totals/seconds', message: 'expected a number, found "fast"' },
      {
        file: broken,
        path: '/layers/1/energyBreakdownJoules',
        message: 'expected an object of numbers (joules by component), found nothing',
      },
    ]);
  });

  it('reports a missing object once, and at most ten problems', () => {
    const empty = file('empty.json', JSON.stringify({ schema: 'picojoule/result@1', layers: [{}, 'conv1'] }));
    const problems = problemOf(empty).problems;
    expect(problems.slice(0, 5).map((p) => p.path)).toEqual(['/arch', '/energy', '/workload', '/totals', '/layers/0/name']);
    expect(problems).toHaveLength(11);
    expect(problems[10].message).toMatch(/^and \d+ more problems$/);
  });
});
