import { isStudioError } from '@studio/ir';
import { ExitCode } from './exit-codes';

/** The exit code and one-line message for an error that ended a command. */
export function describeFailure(error: unknown): { code: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown }).code;
  if (isStudioError(error)) {
    if (error.kind === 'user' && /^(BUNDLE_|CSV_|INPUT_)/.test(error.code))
      return { code: ExitCode.INPUT, message };
    if (error.kind === 'user' && error.code === 'CLI_SERVER_UNREACHABLE')
      return { code: ExitCode.DATABASE, message };
    if (error.kind === 'user' && error.code === 'GRAPH_NOT_RUNNABLE')
      return { code: ExitCode.TRAINING_FAILED, message };
    if (error.kind === 'user') return { code: ExitCode.USAGE, message };
    if (error.code.startsWith('MIGRATION_') || error.code.startsWith('DATABASE_')) {
      return { code: ExitCode.DATABASE, message };
    }
  }
  if (errno === 'EADDRINUSE' || errno === 'EACCES' || errno === 'EADDRNOTAVAIL')
    return { code: ExitCode.LISTEN, message };
  if (errno === 'ECONNREFUSED' || errno === 'ENOTFOUND' || errno === '3D000' || errno === '28P01') {
    return { code: ExitCode.DATABASE, message };
  }
  return { code: ExitCode.UNEXPECTED, message };
}
