import { describe, expect, it } from '@jest/globals';
import { writingTo } from '../../src/cli/output-error.js';
import { UserError } from '../../src/config/user-error.js';

describe('writingTo: a failed write the user asked for is blamed on the flag', () => {
  const failing = (code: string) => () => {
    throw Object.assign(new Error(`${code}: something`), { code });
  };

  it.each(['ENOENT', 'EACCES', 'ENOSPC', 'EROFS', 'ENOTDIR'])(
    'turns the system error %s into a message naming the flag',
    async (code) => {
      const err = await writingTo('--out', '/x/y', failing(code)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String((err as Error).message)).toMatch(new RegExp(`--out: cannot write "/x/y" \\(${code}`));
    },
  );

  it("leaves Node's own errors (ERR_*) and plain errors as they are: they are not the folder's fault", async () => {
    await expect(writingTo('--out', '/x', failing('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING'))).rejects.not.toBeInstanceOf(
      UserError,
    );
    await expect(
      writingTo('--out', '/x', () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow(TypeError);
  });

  it('returns what the write returns', async () => {
    await expect(writingTo('--out', '/x', () => 42)).resolves.toBe(42);
  });
});
