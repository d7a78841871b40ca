import rateLimit from '@fastify/rate-limit';
import type { onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpUserError } from '../http-error';
import { KeyWindowLimiter } from './key-window-limiter';

export interface HardeningOptions {
  /**
   * Host names (no port) the server answers to; a request with another `Host` is refused 421 (DNS
   * rebinding). `'*'` turns the check off. Default: localhost, 127.0.0.1 and ::1.
   */
  allowedHosts?: readonly string[] | '*';
  /** Requests per minute per deployment key on `/v1` (default 6,000). */
  predictPerMinute?: number;
}

export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

/** What `/v1`'s own request path (`serving/fast-predict.ts`) needs of this plugin: the same checks, not copies. */
export interface V1Guard {
  /** Whether the request's `Host` header names a host this server answers to. */
  hostAllowed(host: string | undefined): boolean;
  /** The security headers of `/v1` answers, as [name, value] pairs. */
  headers: readonly (readonly [string, string])[];
  /**
   * Counts one `/v1` request in its key's window and sets the `x-ratelimit-*` headers (and `retry-after`) on
   * `res`; returns the 429 error when the request is over the limit.
   */
  limit(
    authorization: string | undefined,
    address: string | undefined,
    res: ServerResponse,
  ): HttpUserError | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    v1Guard: V1Guard;
  }
}

/** The host name of a `Host` header, without port or IPv6 brackets, lower-case. */
export function hostNameOf(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  return h.split(':')[0] ?? null;
}

/** The Content-Security-Policy the built web app runs under (apps/web/dist: one module script, one stylesheet). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React sets style properties through the CSSOM (allowed); React Flow and the charts set style attributes.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The security headers of `/v1` answers: JSON for programs, so none of the page policies (framing, script
 * sources, prefetch) apply; what does is no sniffing, no caching of personal data, no embedding, and no
 * cross-origin reads (OWASP's set for REST answers; HSTS belongs to the TLS proxy, as for the rest).
 */
export const V1_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

/**
 * helmet's headers for our (static) options, computed once: helmet builds its CSP string on every call, which
 * cost more than scoring a record. Captured by running helmet's middleware once on a stand-in response;
 * with static directives its output never changes (a nonce or other per-request directive would need helmet
 * on every request again).
 */
function helmetHeaders(): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The Studio is often reached over plain HTTP on a LAN; HSTS belongs to the TLS proxy in front of it.
    strictTransportSecurity: false,
  })({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return [...headers];
}

/**
 * Security headers (helmet's, with a CSP; a shorter set on `/v1`), the Host allow-list and rate limits.
 * Sign-in's limit is on its route (`config.rateLimit`, @fastify/rate-limit); `/v1` is limited per deployment
 * key (the presented key, else the address) by a fixed window kept here, on the hot path's budget.
 */
export const hardeningPlugin = fp<HardeningOptions>(
  async (app, opts) => {
    const allowed = opts.allowedHosts ?? LOCAL_HOSTS;
    const hosts = allowed === '*' ? null : new Set(allowed.map((h) => hostNameOf(h) ?? h));
    const hostAllowed = (host: string | undefined): boolean => {
      if (!hosts) return true;
      const name = hostNameOf(host);
      return name !== null && name !== '' && hosts.has(name);
    };
    if (hosts) {
      app.addHook('onRequest', (request, _reply, done) => {
        if (!hostAllowed(request.headers.host))
          return done(
            new HttpUserError(
              421,
              'HOST_NOT_ALLOWED',
              `This Studio does not answer to host "${request.headers.host ?? ''}". An admin adds it to STUDIO_ALLOWED_HOSTS.`,
            ),
          );
        done();
      });
    }
    const pageHeaders = helmetHeaders();
    const apiHeaders = Object.entries(V1_HEADERS);
    app.addHook('onRequest', (request, reply, done) => {
      const headers = request.url.startsWith('/v1/') ? apiHeaders : pageHeaders;
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
    // Each /v1 route gets the limiter as its own first onRequest hook (before the key is even checked, so a
    // flood of wrong keys is limited too); other routes do not pay for it.
    const limiter = new KeyWindowLimiter(opts.predictPerMinute ?? 6000, 60_000);
    const limitV1 = (
      auth: string | undefined,
      address: string | undefined,
      res: ServerResponse,
    ): HttpUserError | null => {
      const key =
        typeof auth === 'string' && auth.length > 7 ? `key:${auth.slice(7).trim()}` : `ip:${address}`;
      const w = limiter.hit(key, Date.now());
      const resetSeconds = Math.ceil(w.ttlMs / 1000);
      res.setHeader('x-ratelimit-limit', limiter.max);
      res.setHeader('x-ratelimit-remaining', w.remaining);
      res.setHeader('x-ratelimit-reset', resetSeconds);
      if (!w.exceeded) return null;
      res.setHeader('retry-after', resetSeconds);
      return new HttpUserError(
        429,
        'RATE_LIMITED',
        `Too many requests; try again in ${resetSeconds} s.`,
        {},
        { retryAfterSeconds: resetSeconds },
      );
    };
    const limit: onRequestHookHandler = (request, reply, done) => {
      const refused = limitV1(request.headers.authorization, request.ip, reply.raw);
      if (refused) done(refused);
      else done();
    };
    app.decorate('v1Guard', { hostAllowed, headers: apiHeaders, limit: limitV1 } satisfies V1Guard);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/v1/')) return;
      const own = route.onRequest;
      route.onRequest = own ? [limit, ...(Array.isArray(own) ? own : [own])] : [limit];
    });
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new HttpUserError(
          429,
          'RATE_LIMITED',
          `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`,
          {},
          { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        ),
    });
  },
  { name: 'hardening', dependencies: ['errors'] },
);
