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

/** Deeper than this, a document is not one of ours (theirs nest a handful of levels) and is refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 64;

/** Receives warnings about documents that parse but may not mean what they say (duplicate keys). */
let warn: (message: string) => void = (m) => process.stderr.write(`picojoule: warning: ${m}\n`);

/** Sends JSON warnings elsewhere (tests, the CLI's error stream); returns the previous sink. */
export function onJsonWarning(sink: (message: string) => void): (message: string) => void {
  const previous = warn;
  warn = sink;
  return previous;
}

/**
 * Parses JSON text, naming the line and column of a syntax error. A leading byte-order mark is
 * dropped; a document nested deeper than MAX_JSON_DEPTH is refused; a key given twice in one
 * object (JSON keeps the last) is warned about, naming its path.
 */
export function parseJson(text: string, file: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(file, undefined, 'invalid JSON: the file is empty; expected a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const model = modelKind(text);
    if (model)
      return fail(
        file,
        undefined,
        `this is ${model === 'onnx' ? 'an ONNX' : 'a TFLite'} model, not JSON; name it .${model} to use it as --workload, or run \`picojoule import ${model}\` on it`,
      );
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
  scanStructure(text, file);
  return value;
}

/**
 * One pass over valid JSON text: refuses nesting deeper than MAX_JSON_DEPTH and warns about each
 * key repeated within an object (at its JSON path), without recursion.
 */
function scanStructure(text: string, file: string): void {
  // Per open container: its path, and for an object the keys seen and the key being read.
  const stack: { path: string; keys?: Set<string>; key?: string; index: number }[] = [];
  const pathOf = (top: (typeof stack)[number]) => (top.keys ? `${top.path}/${top.key ?? ''}` : `${top.path}/${top.index}`);
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) warn(`${file}: ${top.path}/${key}: key given twice in one object; the last value counts`);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      const path = parent ? pathOf(parent) : '';
      if (stack.length >= MAX_JSON_DEPTH)
        fail(file, path || undefined, `nested more than ${MAX_JSON_DEPTH} levels deep; picojoule documents nest a few levels`);
      stack.push(c === '{' ? { path, keys: new Set(), index: 0 } : { path, index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top) {
        top.index++;
        expectKey = top.keys !== undefined;
      }
    }
  }
}

/** What a binary model file given as JSON looks like (TFLite: "TFL3" at offset 4; ONNX: a ModelProto's first fields). */
function modelKind(text: string): 'onnx' | 'tflite' | undefined {
  if (text.slice(4, 8) === 'TFL3') return 'tflite';
  if (text.charCodeAt(0) === 0x08 && text.charCodeAt(2) === 0x12) return 'onnx';
  return undefined;
}
