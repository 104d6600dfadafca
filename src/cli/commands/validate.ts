import type { Command } from '../command.js';
import { validateDocument } from '../../validate-document.js';
import { UserError, type Problem } from '../../config/user-error.js';

/** `picojoule validate`: check documents without simulating. */
export const validateCommand: Command<{ files: string[] }> = {
  command: 'validate <files..>',
  describe: 'Check arch, workload, cost-table and SCALE-Sim files without simulating',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'files to check (.json, SCALE-Sim .cfg or .csv)' })
      .example('$0 validate arch-configs/*.json workloads/*.json', 'check every preset and built-in network'),
  run: (args, io) => {
    const problems: Problem[] = [];
    for (const file of args.files) {
      try {
        io.out(`ok  ${file}: ${validateDocument(file)}\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problems.push(...err.problems);
      }
    }
    if (problems.length) throw new UserError(problems);
  },
};
