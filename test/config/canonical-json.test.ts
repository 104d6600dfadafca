import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../src/config/canonical-json.js';

/** The definition, written the slow way: sort keys at every level, then JSON.stringify. */
function reference(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x === null || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined)
        .map((k) => [k, sorted(o[k])]),
    );
  };
  return JSON.stringify(sorted(v));
}

describe('canonicalJson', () => {
  const docs: unknown[] = [
    { b: 1, a: { d: [3, { z: 1, y: 'é' }], c: null }, e: undefined },
    [1, undefined, 'x', { q: true }],
    { clock: '1 GHz', memory: { sram: [{ name: 'u', size: '8 MiB' }], dram: { bandwidth: 2.5e10 } } },
    'text',
    42,
    null,
  ];
  it.each(docs.map((d) => [JSON.stringify(d) ?? String(d), d]))('matches sorted JSON.stringify for %s', (_, d) => {
    expect(canonicalJson(d)).toBe(reference(d));
  });

  it('gives the same text for a shared subtree reached from different documents, and for copies', () => {
    const shared = { rows: 64, cols: 64, dataflow: 'ws' };
    const one = { compute: { mxu: shared }, name: 'a' };
    const two = { name: 'a', compute: { mxu: shared } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe(canonicalJson(structuredClone(one)));
    expect(canonicalJson({ ...one, compute: { mxu: { ...shared, rows: 32 } } })).not.toBe(canonicalJson(one));
  });
});
