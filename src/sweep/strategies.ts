/**
 * How a sweep's points are picked from its parameters' value lists: each point is a choice of
 * one value index per parameter, worked out from the point's number alone, so any point can be
 * made without making the others (a 100k-point sweep never holds its points in memory).
 */

/** A strategy over parameters with `sizes[i]` values each. */
export interface Strategy {
  /** How many points there are. */
  readonly count: number;
  /** The value index of every parameter at point `index` (0 ≤ index < count). */
  choice(index: number): number[];
}

/** Every combination, the last parameter varying fastest. */
export function grid(sizes: readonly number[]): Strategy {
  const count = sizes.reduce((a, b) => a * b, 1);
  return {
    count,
    choice(index) {
      const out = new Array<number>(sizes.length);
      let rest = index;
      for (let p = sizes.length - 1; p >= 0; p--) {
        out[p] = rest % sizes[p];
        rest = Math.floor(rest / sizes[p]);
      }
      return out;
    },
  };
}

/** The i-th value of every parameter together (lists of equal length). */
export const zip = (length: number, parameters: number): Strategy => ({
  count: length,
  choice: (index) => new Array<number>(parameters).fill(index),
});

/** `samples` points, each value drawn uniformly and independently, reproducibly from `seed`. */
export function random(sizes: readonly number[], samples: number, seed: number): Strategy {
  return {
    count: samples,
    choice: (index) => sizes.map((size, p) => Math.floor(unit(seed, index, p) * size)),
  };
}

/**
 * A Latin hypercube of `samples` points: for each parameter, the samples are split into `size`
 * equal strata, one value each, and the strata are shuffled independently per parameter (a
 * seeded permutation), so every value of every parameter is used as evenly as possible.
 */
export function latinHypercube(sizes: readonly number[], samples: number, seed: number): Strategy {
  const permutations = sizes.map((_, p) => permutation(samples, seed, p));
  return {
    count: samples,
    choice: (index) => sizes.map((size, p) => Math.floor((permutations[p][index] * size) / samples)),
  };
}

/** A seeded permutation of 0 … n−1 (Fisher–Yates over a hash-derived stream). */
function permutation(n: number, seed: number, stream: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(unit(seed, i, 1000 + stream) * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * A number in [0, 1) determined by (seed, index, stream) alone: a splitmix-style 32-bit hash.
 * The same three numbers give the same draw on every machine and in every order.
 */
export function unit(seed: number, index: number, stream: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(stream + 7, 0x27d4eb2f)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296;
}
