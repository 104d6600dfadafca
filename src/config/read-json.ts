import { readFileSync } from 'node:fs';
import { fail } from './user-error.js';

/** Reads a text file; a missing or unreadable file becomes a UserError naming it. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
}

/** Reads and parses a JSON file; a missing file or a syntax error becomes a UserError with line and column. */
export function readJson(file: string): unknown {
  return parseJson(readText(file), file);
}

/** Parses JSON text, naming the line and column of a syntax error. */
export function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') return fail(file, undefined, 'invalid JSON: the file is empty; expected a JSON object');
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = '';
    const atEnd = /end of JSON input/.test(message);
    if (pos || atEnd) {
      const offset = pos ? Number(pos[1]) : text.length;
      const before = text.slice(0, offset).split('\n');
      where = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
    }
    return fail(file, undefined, `invalid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}
