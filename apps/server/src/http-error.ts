import { UserError } from '@studio/ir';

/**
 * A user error that answers with a specific HTTP status; `body` adds top-level fields the contract names
 * (e.g. `diagnostics` on 422, `latest` on 409) next to `{ code, message, requestId, details }`.
 */
export class HttpUserError extends UserError {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
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

/** 404 for a missing record of the given kind. */
export function notFound(kind: string, id: string): HttpUserError {
  return new HttpUserError(
    404,
    `${kind.toUpperCase()}_NOT_FOUND`,
    `no ${kind} with id "${id}"; it may have been deleted`,
    {},
    { id },
  );
}
