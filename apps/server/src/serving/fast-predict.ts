import type { FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { routes } from '@studio/api';
import { toErrorResponse } from '../plugins/error-response';
import { requestIdOf } from '../request-id';
import { JSON_TYPE, predictOne, refusals, type ServingDeps } from './serving-routes';

/** A handler that takes a request (true) or leaves it to Fastify (false) before reading anything from it. */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** `/v1/deployments/<slug>/predict` with a slug that needs no percent-decoding; anything else goes to Fastify. */
const PREDICT_PATH = /^\/v1\/deployments\/([\w.~-]{1,100})\/predict$/;
/** Bodies up to this size are read here; larger ones (and chunked ones) go to Fastify, which enforces its limit. */
const MAX_BODY = 1024 * 1024;
const ROUTE = routes.predict.path;

/**
 * `POST /v1/deployments/:slug/predict` below Fastify: the server's request handler offers each request here
 * first, and this path takes only the plain case (a JSON body with a `content-length` under 1 MB, an allowed
 * `Host`, no query string, a slug without escapes); everything else, and every other route, goes through
 * Fastify as before. What it does is what the Fastify route and its hooks do, in the same order, from the same
 * code: security headers, the per-key window limit (`app.v1Guard`), Fastify's own JSON parser, `predictOne`
 * (key, model, input check, scoring, log commit), the refusals through the central error mapping and the
 * route's zod serialisers, the client-latency window, the `/metrics` counters and the request log lines. It
 * saves Fastify's per-request machinery (request and reply objects, hook chains, the body stream's parser
 * lookup, routing): about a third of a prediction's CPU. `fast-predict.test.ts` compares its answers,
 * statuses and headers with the Fastify route's for each kind of request.
 */
export function fastPredict(
  app: FastifyInstance,
  deps: ServingDeps,
  stats: { taken: number } = { taken: 0 },
): RawHandler {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Once the app closes, Fastify answers new requests 503 (and closes their connections): leave them to it.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const guard = app.v1Guard;
  const log = app.log;
  const serializers = new Map<number, (data: unknown) => string>();
  const serializerOf = (status: number): ((data: unknown) => string) => {
    let s = serializers.get(status);
    if (!s) {
      const schema = (refusals as Record<number, z.ZodType | undefined>)[status];
      s = schema
        ? serializerCompiler({ schema, method: 'POST', url: ROUTE, httpStatus: String(status) })
        : (data: unknown) => JSON.stringify(data);
      serializers.set(status, s);
    }
    return s;
  };

  return (req, res) => {
    if (closing || req.method !== 'POST') return false;
    const m = PREDICT_PATH.exec(req.url ?? '');
    if (!m) return false;
    const type = req.headers['content-type'];
    if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return false;
    const length = Number(req.headers['content-length']);
    if (!(length > 0 && length <= MAX_BODY) || req.headers['transfer-encoding'] !== undefined) return false;
    if (!guard.hostAllowed(req.headers.host)) return false;
    stats.taken++;
    handle(req, res, m[1]!);
    return true;
  };

  function handle(req: IncomingMessage, res: ServerResponse, slug: string): void {
    const started = performance.now();
    const id = requestIdOf(req.headers);
    const logInfo = (log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? true;
    if (logInfo) log.info({ reqId: id, req: requestView(req) }, 'incoming request');
    const elapsed = () => performance.now() - started;
    const done = (status: number) => {
      const ms = elapsed();
      deps.latency.observe(slug, status, ms);
      app.metrics.http('POST', ROUTE, status, ms / 1000);
      if (logInfo)
        log.info({ reqId: id, res: { statusCode: status }, responseTime: ms }, 'request completed');
    };
    const send = (status: number, text: string) => {
      if (res.destroyed) return;
      res.statusCode = status;
      res.setHeader('content-type', JSON_TYPE);
      res.setHeader('x-request-id', id);
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text, () => done(status));
    };
    const fail = (error: unknown) => {
      const { status, body, serverFault } = toErrorResponse(error);
      if (serverFault) log.error({ reqId: id, err: error }, 'request failed');
      else if (logInfo) log.info({ reqId: id, code: body.code, status }, 'request refused');
      if (status === 503) res.setHeader('retry-after', '1');
      send(status, serializerOf(status)({ ...body, requestId: id }));
    };

    for (const [name, value] of guard.headers) res.setHeader(name, value);
    const refused = guard.limit(req.headers.authorization, req.socket.remoteAddress, res);
    if (refused) return fail(refused);

    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      parseJson(req as never, text, (err: Error | null, body: unknown) => {
        if (err) return fail(err);
        predictOne(deps, slug, req.headers, body, id, elapsed).then((answer) => send(200, answer), fail);
      });
    });
  }
}

/** The request in the shape Fastify's `req` log serializer reads (method, url, headers, host, ip, socket). */
function requestView(req: IncomingMessage) {
  return {
    method: req.method,
    url: req.url,
    headers: req.headers,
    host: req.headers.host,
    ip: req.socket.remoteAddress,
    socket: req.socket,
  };
}
