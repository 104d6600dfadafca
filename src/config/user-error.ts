/**
 * A mistake in the user's input (a config, a workload, a flag). The CLI prints it as one message
 * and exits with code 2; it never shows a stack trace.
 */
export interface Problem {
  /** The file the problem is in, or a flag name such as `--arch`. */
  readonly file?: string;
  /** JSON pointer into the document, e.g. `/memory/sram/unified/size`; '' for the whole document. */
  readonly path?: string;
  /** What is wrong and what was expected. */
  readonly message: string;
}

export class UserError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

/** `file: /json/path: message`, leaving out the parts that are unknown. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.path === undefined ? undefined : p.path || '(document root)'].filter(
    (x): x is string => x !== undefined,
  );
  return where.length ? `${where.join(': ')}: ${p.message}` : p.message;
}

/** Throws a UserError for one problem. Handy in expressions. */
export function fail(file: string | undefined, path: string | undefined, message: string): never {
  throw new UserError({ file, path, message });
}
