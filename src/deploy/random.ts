/**
 * Seeded random numbers: mulberry32, a small 32-bit generator with a full period of 2^32 that
 * passes the usual statistical batteries for simulation use. Seeds are spread by splitmix32 so
 * that streams of neighbouring seeds do not start alike.
 */
export function randomStream(seed: number, stream: number): () => number {
  let a = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9));
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** An exponential variate of the given mean from a uniform one in [0, 1). */
export const exponential = (u: number, mean: number): number => -Math.log(1 - u) * mean;
