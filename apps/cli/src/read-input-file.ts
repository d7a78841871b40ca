import { readFile } from 'node:fs/promises';
import { UserError } from '@studio/ir';

/** A file named on the command line; a missing or unreadable one is a usage error that names it. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new UserError(
      'CLI_FILE_UNREADABLE',
      `cannot read "${path}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}
