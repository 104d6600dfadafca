/** Where a command prints: stdout for results, stderr for messages and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Width of the terminal results print to; undefined when they go to a file or a pipe (no fitting). */
  readonly columns?: number;
}

/** The process's own streams. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
};
