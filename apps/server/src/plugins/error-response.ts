import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorStatus, type ServerErrorCode } from '@studio/api';
import { isStudioError } from '@studio/ir';
import { HttpUserError } from '../http-error';

/** What the central handler answers: a status, the coded body, and whether it is the server's fault. */
export interface ErrorResponse {
  status: number;
  body: { code: string; message: string; details?: Record<string, unknown> } & Record<string, unknown>;
  serverFault: boolean;
}

// Package errors carry no HTTP status; `errorStatus` names the codes that mean something more specific than 400.
const statusByCode: Readonly<Record<string, number | undefined>> = errorStatus;

// Fastify's own client errors, renamed where the contract names them.
const fastifyCodeNames: Readonly<Record<string, ServerErrorCode | undefined>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MULTIPART_EXPECTED',
};

const SERVER_FAULT_MESSAGE =
  'Something went wrong on the server. It has been logged under this request id; try again or report it.';
const UNAVAILABLE_MESSAGE =
  'The server cannot reach a resource it needs (database or disk). Try again in a moment.';

// Prisma's codes for a database it cannot reach or that stopped answering (not for a query it refused).
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The driver adapters' kinds for the same (`@prisma/driver-adapter-utils`).
const ADAPTER_UNREACHABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
// node-postgres' own messages for a lost or never-made connection (they carry no code).
const PG_LOST =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i;

/**
 * True when `error` (or one of its causes) says the database is unreachable or stopped answering: a refused or
 * reset connection, a connect or query timeout, a pool with no connection to give. Such a request answers 503
 * with Retry-After, as for any unreachable resource, rather than 500.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && (PRISMA_UNREACHABLE.has(o.code) || SOCKET_CODES.has(o.code)))
      return true;
    if (typeof o.kind === 'string' && ADAPTER_UNREACHABLE.has(o.kind)) return true;
    if (typeof o.message === 'string' && PG_LOST.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}

/** Maps any thrown value to the response the API gives for it; internals never reach a 5xx body. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof HttpUserError) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message, ...withDetails(error.details), ...error.body },
      serverFault: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath || '/',
      message: v.message ?? 'invalid',
    }));
    const where = error.validationContext ?? 'request';
    return {
      status: 400,
      body: {
        code: 'REQUEST_INVALID' satisfies ServerErrorCode,
        message: `the ${where} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        details: { issues },
      },
      serverFault: false,
    };
  }
  if (isStudioError(error)) {
    if (error.kind === 'user') {
      return {
        status: statusByCode[error.code] ?? 400,
        body: { code: error.code, message: error.message, ...withDetails(error.details) },
        serverFault: false,
      };
    }
    if (error.kind === 'operational')
      return {
        status: 503,
        body: { code: 'SERVICE_UNAVAILABLE' satisfies ServerErrorCode, message: UNAVAILABLE_MESSAGE },
        serverFault: true,
      };
  }
  if (isDatabaseUnreachable(error))
    return {
      status: 503,
      body: { code: 'SERVICE_UNAVAILABLE' satisfies ServerErrorCode, message: UNAVAILABLE_MESSAGE },
      serverFault: true,
    };
  const fe = error as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = (fe.code && fastifyCodeNames[fe.code]) ?? fe.code ?? `HTTP_${fe.statusCode}`;
    return {
      status: fe.statusCode,
      body: { code, message: fe.message ?? 'the request is invalid' },
      serverFault: false,
    };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL' satisfies ServerErrorCode, message: SERVER_FAULT_MESSAGE },
    serverFault: true,
  };
}

function withDetails(details: Record<string, unknown> | undefined): { details?: Record<string, unknown> } {
  return details === undefined ? {} : { details };
}
