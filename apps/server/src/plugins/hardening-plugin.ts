import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import { HttpUserError } from '../http-error';

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
 * Security headers (helmet, with a CSP), the Host allow-list and rate limits. Sign-in's limit is on its route
 * (`config.rateLimit`); `/v1` is limited per deployment key (a hash of the presented key, else the address).
 */
export const hardeningPlugin = fp<HardeningOptions>(
  async (app, opts) => {
    const allowed = opts.allowedHosts ?? LOCAL_HOSTS;
    if (allowed !== '*') {
      const hosts = new Set(allowed.map((h) => hostNameOf(h) ?? h));
      app.addHook('onRequest', async (request) => {
        const name = hostNameOf(request.headers.host);
        if (!name || !hosts.has(name))
          throw new HttpUserError(
            421,
            'HOST_NOT_ALLOWED',
            `This Studio does not answer to host "${request.headers.host ?? ''}". An admin adds it to STUDIO_ALLOWED_HOSTS.`,
          );
      });
    }
    // Before rate-limit's own onRoute hook, so it sees this config on every /v1 route.
    const perMinute = opts.predictPerMinute ?? 6000;
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/v1/')) return;
      route.config = {
        ...(route.config ?? {}),
        rateLimit: { max: perMinute, timeWindow: 60_000, keyGenerator: deploymentKeyOf },
      };
    });
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // The Studio is often reached over plain HTTP on a LAN; HSTS belongs to the TLS proxy in front of it.
      strictTransportSecurity: false,
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

function deploymentKeyOf(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.length > 7)
    return `key:${createHash('sha256').update(auth.slice(7).trim()).digest('hex')}`;
  return `ip:${request.ip}`;
}
