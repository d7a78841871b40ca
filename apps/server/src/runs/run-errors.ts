import type { EngineErrorCode, ErrorCode } from '@studio/api';
import { isStudioError } from '@studio/ir';
import { nodeOf } from '@studio/pipeline';
import type { RunError } from './run-record';

/** The code a cancelled run's engine error carries. */
export const CANCELLED_CODE: EngineErrorCode = 'ENGINE_CANCELLED';

/** `RunError` as a plain object type (storable as Prisma JSON). */
type RunErrorJson = { [K in keyof RunError]: RunError[K] };

/** A run error with a code the API lists. */
export function runError(code: ErrorCode, message: string, nodeId?: string): RunErrorJson {
  return { code, message, ...(nodeId ? { nodeId } : {}) };
}

/** What a run cancelled before or during training records. */
export function cancelledError(message: string): RunErrorJson {
  return runError('RUN_CANCELLED', message);
}

/**
 * A failure as the run records it: user errors keep their code and the message that says what to change
 * (and the node to blame); environment failures say to retry; anything else is hidden behind RUN_INTERNAL.
 */
export function toRunError(e: unknown): { error: RunError; internal: boolean } {
  if (isStudioError(e) && e.kind === 'user') {
    const nodeId = nodeOf(e);
    return { error: { code: e.code, message: e.message, ...(nodeId ? { nodeId } : {}) }, internal: false };
  }
  if (isStudioError(e) && e.kind === 'operational')
    return {
      error: {
        code: e.code,
        message: `${e.message}. The server could not reach a resource it needs (disk, memory or device); retry the run, and ask an administrator if it fails again.`,
      },
      internal: false,
    };
  return {
    error: runError(
      'RUN_INTERNAL',
      'Training stopped on an internal error, logged on the server. Retry the run; if it fails again, report it with this run id.',
    ),
    internal: true,
  };
}

/** True for the error a cancelled training rejects with. */
export function isCancellation(e: unknown): boolean {
  return isStudioError(e) && e.code === CANCELLED_CODE;
}
