/** A callback run at a simulated time, with the number it was scheduled with. */
export type EventAction = (arg: number) => void;

/**
 * A discrete-event queue over integer cycle timestamps. Events at the same cycle run in the
 * order they were scheduled, so a run is deterministic. Knows nothing about what the events mean.
 */
export class EventQueue {
  /** The time of the event being run (cycles). */
  now = 0;
  /** Events run so far. */
  processed = 0;
  // A binary min-heap in parallel arrays keyed by (time, sequence): no object per event.
  private times: number[] = [];
  private seqs: number[] = [];
  private actions: EventAction[] = [];
  private args: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.times.length;
  }

  /**
   * Runs `action(arg)` at cycle `time` (never earlier than now). The argument lets a model pass
   * which of its items an event is about to one callback made once, not a closure per event.
   */
  schedule(time: number, action: EventAction, arg = 0): void {
    if (!(time >= this.now) || !Number.isInteger(time)) {
      throw new Error(`EventQueue: cannot schedule at ${time} (now ${this.now}; cycles are integers, never in the past)`);
    }
    let i = this.times.length;
    this.times.push(time);
    this.seqs.push(this.nextSeq++);
    this.actions.push(action);
    this.args.push(arg);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Runs events in time order until none are left; returns the time of the last one. */
  run(): number {
    while (this.times.length > 0) {
      const time = this.times[0];
      const action = this.actions[0];
      const arg = this.args[0];
      this.pop();
      this.now = time;
      this.processed++;
      action(arg);
    }
    return this.now;
  }

  private pop(): void {
    const last = this.times.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.actions.pop();
    this.args.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private before(a: number, b: number): boolean {
    return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.seqs[a] < this.seqs[b]);
  }

  // Temporaries, not destructuring: this is the innermost loop of every run.
  private swap(a: number, b: number): void {
    const { times, seqs, actions, args } = this;
    const t = times[a];
    times[a] = times[b];
    times[b] = t;
    const s = seqs[a];
    seqs[a] = seqs[b];
    seqs[b] = s;
    const f = actions[a];
    actions[a] = actions[b];
    actions[b] = f;
    const x = args[a];
    args[a] = args[b];
    args[b] = x;
  }
}
