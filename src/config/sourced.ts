import type { SourcedValue } from './schemas/common.js';

/** Collects the `source` of every {value, source} pair read, keyed by JSON path. */
export class SourceLog {
  readonly entries: Record<string, string> = {};

  /** The bare value of a possibly sourced field, remembering its source under `path`. */
  take<T>(v: SourcedValue<T>, path: string): T {
    if (v !== null && typeof v === 'object' && 'value' in (v as object) && 'source' in (v as object)) {
      const s = v as { value: T; source: string };
      this.entries[path] = s.source;
      return s.value;
    }
    return v as T;
  }

  /** Records a whole object's `source` string, if it has one. */
  note(source: string | undefined, path: string): void {
    if (source) this.entries[path] = source;
  }
}
