import { execFileSync } from 'node:child_process';

/**
 * Runs a bench script in a fresh Node process and returns the JSON its last output line holds
 * (each child script prints its measurement as one JSON line, last).
 */
export function runJsonChild<T>(script: string, args: readonly string[]): T {
  const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
