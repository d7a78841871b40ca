import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerErrorCode } from '@studio/api';
import { toErrorResponse } from './error-response';

/** The one error handler: coded 4xx bodies for what the caller can fix, logged and opaque 5xx for the rest. */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { status, body, serverFault } = toErrorResponse(error);
      if (serverFault) request.log.error({ err: error, actor: request.actor?.id }, 'request failed');
      else request.log.info({ code: body.code, status }, 'request refused');
      // A resource the server needs is unreachable: the client may retry shortly.
      if (status === 503) void reply.header('retry-after', '1');
      return reply.code(status).send({ ...body, requestId: request.id });
    });
  },
  { name: 'errors' },
);

/** The coded 404 for a path no route serves. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    code: 'ROUTE_NOT_FOUND' satisfies ServerErrorCode,
    message: `${request.method} ${request.url.split('?')[0]} does not exist; see /api/docs for the API`,
    requestId: request.id,
  });
}
