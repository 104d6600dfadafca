import type { SimResult } from '../sim/result.js';
import { readJson } from '../config/read-json.js';
import { UserError, type Problem } from '../config/user-error.js';

type Expect = 'number' | 'string' | 'boolean' | 'number|null' | 'numbers';

/** The fields a report reads, by JSON pointer, and what each must be. */
const DOCUMENT: readonly [string, Expect][] = [
  ['/arch/name', 'string'],
  ['/arch/clockHz', 'number'],
  ['/arch/peakOpsPerSecond', 'number'],
  ['/arch/dram/ideal', 'boolean'],
  ['/arch/dram/bytesPerSecond', 'number|null'],
  ['/energy/table', 'string'],
  ['/energy/node', 'string'],
  ['/energy/staticWatts', 'number'],
  ['/workload/name', 'string'],
  ...(
    [
      'cycles',
      'computeCycles',
      'stallCycles',
      'seconds',
      'macs',
      'dramBytes/read',
      'dramBytes/write',
      'utilization',
      'opsPerSecond',
      'energyJoules',
      'averagePowerWatts',
      'opsPerWatt',
    ] as const
  ).map((f): [string, Expect] => [`/totals/${f}`, 'number']),
  ['/totals/energyBreakdownJoules', 'numbers'],
];

/** The fields of each layer a report reads. */
const LAYER: readonly [string, Expect][] = [
  ['/name', 'string'],
  ['/type', 'string'],
  ['/unit', 'string'],
  ['/bound', 'string'],
  ...(
    [
      'cycles',
      'computeCycles',
      'stallCycles',
      'seconds',
      'startCycle',
      'macs',
      'utilization',
      'dram/readBytes',
      'dram/writeBytes',
      'sram/readBytes',
      'sram/writeBytes',
      'dramBusyCycles',
      'energyJoules',
    ] as const
  ).map((f): [string, Expect] => [`/${f}`, 'number']),
  ['/energyBreakdownJoules', 'numbers'],
  ['/weightsCached', 'boolean'],
  ['/outputOnChip', 'boolean'],
];

const MAX_PROBLEMS = 10;

/**
 * Reads a `picojoule/result@1` document (what `picojoule simulate --json` prints) for a report.
 * A missing file, invalid JSON or a document without the fields a report needs is a UserError
 * naming the file and the JSON path of each problem (the first ten).
 */
export function readResult(file: string): SimResult {
  const doc = readJson(file);
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ file, path, message });
  if (!isObject(doc)) {
    add('', 'expected a picojoule/result@1 JSON object (from `picojoule simulate --json`)');
  } else if (doc.schema !== 'picojoule/result@1') {
    add('/schema', `expected "picojoule/result@1" (a result from \`picojoule simulate --json\`), found ${describe(doc.schema)}`);
  } else {
    check(doc, '', DOCUMENT, add);
    if (!Array.isArray(doc.layers)) add('/layers', `expected an array of layer results, found ${describe(doc.layers)}`);
    else
      doc.layers.forEach((layer, i) =>
        isObject(layer)
          ? check(layer, `/layers/${i}`, LAYER, add)
          : add(`/layers/${i}`, `expected a layer result object, found ${describe(layer)}`),
      );
  }
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, { file, message: `and ${more} more problem${more === 1 ? '' : 's'}` });
  }
  if (problems.length) throw new UserError(problems);
  return doc as unknown as SimResult;
}

function check(
  doc: Record<string, unknown>,
  prefix: string,
  fields: readonly [string, Expect][],
  add: (path: string, message: string) => void,
): void {
  const missingParents = new Set<string>();
  for (const [path, expect] of fields) {
    const keys = path.slice(1).split('/');
    let value: unknown = doc;
    let at = '';
    for (const [i, key] of keys.entries()) {
      if (i > 0 && !isObject(value)) break;
      value = (value as Record<string, unknown>)[key];
      at += `/${key}`;
    }
    if (at !== path) {
      // A whole object is missing: say so once, not once per field.
      if (!missingParents.has(at)) add(prefix + at, `expected an object, found ${describe(value)}`);
      missingParents.add(at);
      continue;
    }
    const ok =
      expect === 'numbers'
        ? isObject(value) && Object.values(value).every(isNumber)
        : expect === 'number|null'
          ? value === null || isNumber(value)
          : expect === 'number'
            ? isNumber(value)
            : typeof value === expect;
    if (!ok)
      add(
        prefix + path,
        `expected ${expect === 'numbers' ? 'an object of numbers (joules by component)' : expect === 'number|null' ? 'a number or null' : `a ${expect}`}, found ${describe(value)}`,
      );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const describe = (v: unknown): string =>
  v === undefined
    ? 'nothing'
    : Array.isArray(v)
      ? 'an array'
      : v === null
        ? 'null'
        : typeof v === 'string'
          ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)
          : typeof v === 'object'
            ? 'an object'
            : String(v);
