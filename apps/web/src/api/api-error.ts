import { StudioError } from '@studio/ir/errors';
import type { ErrorBody } from '@studio/api';

/** A non-2xx answer from the Studio API, keeping the HTTP status and the coded body for the UI to act on. */
export class ApiError extends StudioError {
  readonly status: number;
  readonly body: ErrorBody & Record<string, unknown>;

  constructor(status: number, body: ErrorBody & Record<string, unknown>) {
    super(body.code, status >= 500 ? 'operational' : 'user', body.message, body.details);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** Builds the error for an answer whose body is not the coded error shape (a proxy page, an empty body). */
export function apiErrorFromText(status: number, text: string): ApiError {
  return new ApiError(status, {
    code: `HTTP_${status}`,
    message: text.trim().slice(0, 300) || `The server answered ${status}. Try again in a moment.`,
  });
}
