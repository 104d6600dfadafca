/** One objective: a number to read off an item, and whether more is better. */
export interface Objective<T> {
  readonly value: (item: T) => number;
  readonly maximise?: boolean;
}

/** Something with a latency and an energy, both to be minimised (the default objectives). */
export interface Costs {
  readonly seconds: number;
  readonly energyJoules: number;
}

const LATENCY_ENERGY: readonly Objective<Costs>[] = [{ value: (c) => c.seconds }, { value: (c) => c.energyJoules }];

/**
 * The Pareto front of `items`: those no other item dominates (at least as good on every
 * objective and better on one). Items are taken in order of the first objective, then the
 * others, so the front comes out sorted that way; equal items keep their input order, and of
 * items equal on every objective only the first is kept.
 */
export function paretoFront<T>(
  items: readonly T[],
  objectives: readonly Objective<T>[] = LATENCY_ENERGY as unknown as Objective<T>[],
): T[] {
  const score = (item: T) => objectives.map((o) => (o.maximise ? -o.value(item) : o.value(item)));
  const scored = items.map((item, i) => ({ item, s: score(item), i }));
  scored.sort((a, b) => {
    for (let k = 0; k < a.s.length; k++) if (a.s[k] !== b.s[k]) return a.s[k] - b.s[k];
    return a.i - b.i;
  });
  const front: { item: T; s: number[] }[] = [];
  // In this order no later item can dominate an earlier one: compare each only with the front.
  for (const c of scored) {
    const dominated = front.some((f) => f.s.every((v, k) => v <= c.s[k]));
    if (!dominated) front.push(c);
  }
  return front.map((f) => f.item);
}
