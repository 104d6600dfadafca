/**
 * JSON with object keys sorted at every level: the same content always gives the same text (for
 * hashing). The text of each object or array is remembered by identity, so the many points of a
 * sweep, which share every subtree of the base arch they do not change, pay only for what differs.
 * Inputs are plain JSON data that is never mutated once seen.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

const seen = new WeakMap<object, string>();

/** The canonical text of a value; undefined for what JSON leaves out (undefined, functions). */
function canonical(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  let text = seen.get(v);
  if (text !== undefined) return text;
  if (Array.isArray(v)) text = `[${v.map((x) => canonical(x) ?? 'null').join(',')}]`;
  else {
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(o).sort()) {
      const t = canonical(o[k]);
      if (t !== undefined) parts.push(`${JSON.stringify(k)}:${t}`);
    }
    text = `{${parts.join(',')}}`;
  }
  seen.set(v, text);
  return text;
}
