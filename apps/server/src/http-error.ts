import { notFoundCode, type ErrorCode, type NotFoundKind, type ServerErrorCode } from '@studio/api';
import { OperationalError, UserError } from '@studio/ir';

/**
 * A user error that answers with a specific HTTP status; `body` adds top-level fields the contract names
 * (e.g. `diagnostics` on 422, `latest` on 409) next to `{ code, message, requestId, details }`. The code is
 * one of `@studio/api`'s `SERVER_ERROR_CODES`, so a misspelt code does not compile.
 */
export class HttpUserError extends UserError {
  declare readonly code: ServerErrorCode;
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    code: ServerErrorCode,
    message: string,
    body: Record<string, unknown> = {},
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'HttpUserError';
    this.status = status;
    this.body = body;
  }
}

/** A user error (answered 400 unless `errorStatus` names its code) with a code the API lists. */
export function userError(code: ErrorCode, message: string, details?: Record<string, unknown>): UserError {
  return new UserError(code, message, details);
}

/** An environment failure (503 on a request, kept on a failed run) with a code the API lists. */
export function operationalError(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): OperationalError {
  return new OperationalError(code, message, details);
}

/** 404 for a missing record of the given kind (`PROJECT_NOT_FOUND`, `RUN_NOT_FOUND`, …). */
export function notFound(kind: NotFoundKind, id: string): HttpUserError {
  return new HttpUserError(
    404,
    notFoundCode(kind),
    `no ${kind} with id "${id}"; it may have been deleted`,
    {},
    { id },
  );
}
