/** Something with a latency and an energy, both to be minimised. */
export interface Costs {
  readonly seconds: number;
  readonly energyJoules: number;
}

/**
 * The Pareto front of `items` under (seconds, energy): those that no other item beats on one
 * cost without losing on the other. Returned by increasing latency; ties keep the input order.
 */
export function paretoFront<T extends Costs>(items: readonly T[]): T[] {
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.seconds - b.item.seconds || a.item.energyJoules - b.item.energyJoules || a.i - b.i);
  const front: T[] = [];
  let best = Infinity;
  for (const { item } of sorted) {
    if (item.energyJoules < best) {
      front.push(item);
      best = item.energyJoules;
    }
  }
  return front;
}
