/**
 * A server that does one job at a time (a DRAM channel, a PE array): jobs are served in the order
 * they are reserved, each starting when both the job is ready and the server is free.
 */
export class Resource {
  /** Cycle at which the server next becomes free. */
  busyUntil = 0;
  /** Total cycles spent serving jobs. */
  busyCycles = 0;

  constructor(readonly name: string) {}

  /** Books `duration` cycles starting no earlier than `earliest`; returns the start cycle. */
  reserve(earliest: number, duration: number): number {
    const start = Math.max(earliest, this.busyUntil);
    this.busyUntil = start + duration;
    this.busyCycles += duration;
    return start;
  }
}
