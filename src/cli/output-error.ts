import { fail } from '../config/user-error.js';

/**
 * Runs a write the user asked for with `flag`; a file-system error (no such folder, no
 * permission) becomes a UserError blamed on that flag instead of an internal error.
 */
export async function writingTo<T>(flag: string, target: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // System errors only (ENOENT, EACCES, ENOSPC…); Node's own ERR_* codes are bugs, not the folder.
    if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) throw err;
    const detail = (err as Error).message.replace(/^[A-Z]+: /, '');
    return fail(
      flag,
      undefined,
      `cannot write "${target}" (${code}${detail ? `: ${detail}` : ''}); expected a folder that exists or can be created`,
    );
  }
}
