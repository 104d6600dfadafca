/** JSON with object keys sorted at every level: the same content always gives the same text (for hashing). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => [k, sorted(o[k])]),
  );
}
