import { UserError } from '../../src/config/user-error.js';

/** The UserError `fn` throws (fails the test if it throws nothing or something else). */
export function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}
