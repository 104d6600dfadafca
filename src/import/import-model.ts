/**
 * A trained model file (ONNX or TFLite) as a workload document. Results are kept per file
 * content and options within a process, so a sweep or repeated use of one model reads it once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fail } from '../config/user-error.js';
import { readOnnx } from './onnx/onnx-graph.js';
import { onnxToWorkload, type OnnxImport, type OnnxImportOptions } from './onnx/onnx-to-workload.js';
import { readTflite } from './tflite/tflite-model.js';
import { tfliteToWorkload } from './tflite/tflite-to-workload.js';

export type ModelFormat = 'onnx' | 'tflite';

/** What a file's first bytes say it is: TFLite carries "TFL3" at offset 4; an ONNX ModelProto starts with its ir_version field. */
export function modelFormatOf(head: Uint8Array | string): ModelFormat | undefined {
  const at = (i: number) => (typeof head === 'string' ? head.charCodeAt(i) : head[i]);
  if (at(4) === 0x54 && at(5) === 0x46 && at(6) === 0x4c && at(7) === 0x33) return 'tflite';
  if (at(0) === 0x08 && at(1) !== undefined && at(1) >= 1 && at(1) <= 0x7f && at(2) === 0x12) return 'onnx';
  return undefined;
}

/** The file names a model by its extension. */
export const isModelFile = (ref: string): boolean => /\.(onnx|tflite)$/i.test(ref);

const imported = new Map<string, OnnxImport>();

export type ModelImportOptions = Omit<OnnxImportOptions, 'name'> & { readonly name?: string };

/** Reads a model file and converts it to a workload document; every problem is a UserError naming the file. */
export function importModelFile(file: string, options: ModelImportOptions = {}): OnnxImport {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  const format = modelFormatOf(bytes) ?? (/\.onnx$/i.test(file) ? 'onnx' : /\.tflite$/i.test(file) ? 'tflite' : undefined);
  if (!format) return fail(file, undefined, 'is neither an ONNX nor a TFLite model (expected a .onnx or .tflite file)');
  const name =
    options.name ??
    (basename(file)
      .replace(/\.(onnx|tflite)$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') ||
      'model');
  const key = `${createHash('sha256').update(bytes).digest('hex')}\u0000${JSON.stringify({ ...options, name })}\u0000${file}`;
  let result = imported.get(key);
  if (!result) {
    if (format === 'tflite') {
      if (options.inputShapes)
        fail('--input-shape', undefined, 'a TFLite model fixes its input shapes; --input-shape is for ONNX models');
      result = tfliteToWorkload(readTflite(bytes, file), file, { allowUnsupported: options.allowUnsupported, name });
    } else result = onnxToWorkload(readOnnx(bytes, file), file, { ...options, name });
    if (imported.size > 16) imported.clear();
    imported.set(key, result);
  }
  return result;
}
