/**
 * A fixed pure-JavaScript workload that stands in for "this machine, this Node, right now":
 * 20,000 pseudo-random integers pushed through and popped from a binary min-heap (the same kind of
 * work as the engine's event queue). Timings in the benchmark are reported as ratios to it.
 * Returns a checksum so the work cannot be optimised away.
 */
export function baselineLoop(): number {
  const n = 20_000;
  const heap: number[] = [];
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    heap.push(seed);
    let j = heap.length - 1;
    while (j > 0 && heap[(j - 1) >> 1] > heap[j]) {
      const p = (j - 1) >> 1;
      [heap[p], heap[j]] = [heap[j], heap[p]];
      j = p;
    }
  }
  let checksum = 0;
  while (heap.length > 0) {
    checksum = (checksum + heap[0]) % 1_000_000_007;
    const last = heap.pop()!;
    if (heap.length === 0) break;
    heap[0] = last;
    siftDown(heap, 0);
  }
  return checksum;
}

function siftDown(heap: number[], start: number): void {
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && heap[l] < heap[m]) m = l;
    if (r < heap.length && heap[r] < heap[m]) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}
