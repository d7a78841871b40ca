/**
 * Coded, classified errors shared by every package (STYLE.md habit 8).
 * - `user`: the person can fix it (bad input); the message says what to do next.
 * - `operational`: the environment failed (disk, database, device); retrying may help.
 * - `unexpected`: a bug; details are logged, never shown on a 5xx.
 */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

/** Base class of every error the Studio throws on purpose. */
export class StudioError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, kind: ErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.kind = kind;
    this.details = details;
  }
}

/** A mistake in the input that the person can correct. */
export class UserError extends StudioError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, 'user', message, details);
    this.name = 'UserError';
  }
}

/** A failure of the environment (I/O, database, device) rather than of the input. */
export class OperationalError extends StudioError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, 'operational', message, details);
    this.name = 'OperationalError';
  }
}

/** A broken invariant: a bug in our code. */
export class UnexpectedError extends StudioError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, 'unexpected', message, details);
    this.name = 'UnexpectedError';
  }
}

/** True for any StudioError, also across package copies. */
export function isStudioError(e: unknown): e is StudioError {
  return e instanceof StudioError || (typeof e === 'object' && e !== null && 'code' in e && 'kind' in e);
}
