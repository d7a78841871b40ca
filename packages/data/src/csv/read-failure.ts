import { OperationalError, isStudioError } from '@studio/ir';

/** Runs a file operation, turning a raw file-system error (missing file, permissions) into a coded OperationalError. */
export async function withFileErrors<T>(path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isStudioError(e)) throw e;
    const code = (e as { code?: unknown }).code;
    throw new OperationalError(
      'FILE_READ_FAILED',
      `The data file could not be read (${typeof code === 'string' ? code : 'I/O error'}). Upload it again; if this keeps happening, tell your administrator.`,
      { path, cause: code },
    );
  }
}
