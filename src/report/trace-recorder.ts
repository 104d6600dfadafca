/** One interval the simulator traced: a DRAM load or store, or a compute run, in cycles. */
export interface TraceEvent {
  /** Index of the layer in the result's `layers`. */
  readonly layer: number;
  readonly kind: 'load' | 'compute' | 'store';
  readonly startCycle: number;
  readonly endCycle: number;
}

/** A trace sink to pass as `simulate(…, { trace: sink })`, and the events it has recorded. */
export function recordTrace(): {
  events: TraceEvent[];
  sink: (layer: number, kind: TraceEvent['kind'], start: number, end: number) => void;
} {
  const events: TraceEvent[] = [];
  return { events, sink: (layer, kind, startCycle, endCycle) => events.push({ layer, kind, startCycle, endCycle }) };
}
