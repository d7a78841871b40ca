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

  const context: Context = { app, deps, guard, log, parseJson, serializerOf };
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
    new Exchange(context, req, res, slug).start();
  }
}

interface Context {
  app: FastifyInstance;
  deps: ServingDeps;
  guard: FastifyInstance['v1Guard'];
  log: FastifyInstance['log'];
  parseJson: ReturnType<FastifyInstance['getDefaultJsonParser']>;
  serializerOf: (status: number) => (data: unknown) => string;
}

/**
 * One request on the raw path. A class rather than closures per request: the server runs under tsx, whose
 * transform names every `const f = () => …` through a helper (`__name`, an `Object.defineProperty`) each time
 * the closure is created, a few µs a request on this path.
 */
class Exchange {
  private readonly started = performance.now();
  private readonly id: string;
  private readonly logInfo: boolean;
  private readonly chunks: Buffer[] = [];
  private received = 0;
  /** The request's age in ms (for the log row), bound once. */
  private readonly elapsed = this.age.bind(this);

  constructor(
    private readonly c: Context,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly slug: string,
  ) {
    this.id = requestIdOf(req.headers);
    this.logInfo =
      (c.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? true;
  }

  start(): void {
    const { req, res, c } = this;
    if (this.logInfo) c.log.info({ reqId: this.id, req: requestView(req) }, 'incoming request');
    for (const [name, value] of c.guard.headers) res.setHeader(name, value);
    const refused = c.guard.limit(req.headers.authorization, req.socket.remoteAddress, res);
    if (refused) return this.fail(refused);
    req.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.received += chunk.length;
    });
    req.on('error', () => res.destroy());
    req.on('end', () => this.body());
  }

  private age(): number {
    return performance.now() - this.started;
  }

  private body(): void {
    const { chunks } = this;
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.received)).toString('utf8');
    this.c.parseJson(this.req as never, text, (err: Error | null, body: unknown) => {
      if (err) return this.fail(err);
      let answer: string | Promise<string>;
      try {
        answer = predictOne(this.c.deps, this.slug, this.req.headers, body, this.id, this.elapsed);
      } catch (error) {
        return this.fail(error);
      }
      if (typeof answer === 'string') this.send(200, answer);
      else
        answer.then(
          (text) => this.send(200, text),
          (error: unknown) => this.fail(error),
        );
    });
  }

  private done(status: number): void {
    const ms = this.age();
    this.c.deps.latency.observe(this.slug, status, ms);
    this.c.app.metrics.http('POST', ROUTE, status, ms / 1000);
    if (this.logInfo)
      this.c.log.info({ reqId: this.id, res: { statusCode: status }, responseTime: ms }, 'request completed');
  }

  private send(status: number, text: string): void {
    const { res } = this;
    if (res.destroyed) return;
    res.statusCode = status;
    res.setHeader('content-type', JSON_TYPE);
    res.setHeader('x-request-id', this.id);
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text, () => this.done(status));
  }

  private fail(error: unknown): void {
    const { status, body, serverFault } = toErrorResponse(error);
    const { log } = this.c;
    if (serverFault) log.error({ reqId: this.id, err: error }, 'request failed');
    else if (this.logInfo) log.info({ reqId: this.id, code: body.code, status }, 'request refused');
    if (status === 503) this.res.setHeader('retry-after', '1');
    this.send(status, this.c.serializerOf(status)({ ...body, requestId: this.id }));
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
