import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import {
  can,
  deniedReason,
  routePolicies,
  routes,
  type Permission,
  type Role,
  type RouteName,
  type RoutePolicy,
} from '@studio/api';
import { HttpUserError } from '../http-error';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's policy when `@studio/api`'s `routePolicies` does not name it (routes outside `routes`). */
    policy?: RoutePolicy;
  }
}

const policyByRoute = new Map<string, RoutePolicy>();
for (const [name, spec] of Object.entries(routes)) {
  policyByRoute.set(`${spec.method} ${spec.path}`, routePolicies[name as RouteName]);
}

/** Whether the request is for the `/api` surface (sessions and tokens); `/v1` and the web app's files are not. */
export function isApiRequest(request: FastifyRequest): boolean {
  const url = request.url;
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * The policy of the route a request matched: the route table's, else the route's `config.policy`, else
 * `read` for other `/api` routes (the OpenAPI UI). A path no route serves needs a sign-in (`signedIn`), so an
 * anonymous caller learns nothing about which paths exist.
 */
export function policyOf(request: FastifyRequest): RoutePolicy {
  const url = request.routeOptions.url;
  if (url === undefined) return 'signedIn';
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return policyByRoute.get(`${method} ${url}`) ?? request.routeOptions.config.policy ?? 'read';
}

export function isPermission(policy: RoutePolicy): policy is Permission {
  return policy !== 'public' && policy !== 'signedIn' && policy !== 'deploymentKey';
}

/** 403 unless the actor holds the permission; the message names the roles that do. */
export function assertCan(request: FastifyRequest, permission: Permission): void {
  const role = request.actor?.role;
  if (!can(role, permission))
    throw new HttpUserError(
      403,
      'FORBIDDEN',
      deniedReason(role, permission)!,
      {},
      { permission, role: role ?? null },
    );
}

/**
 * A preHandler for routes that need one of the given roles, on top of the table's policy:
 * `{ preHandler: requireRole('approver', 'admin') }`.
 */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const role = request.actor?.role;
    if (!role || !roles.includes(role))
      throw new HttpUserError(
        403,
        'FORBIDDEN',
        `Your role (${role ?? 'signed out'}) may not do this; ask for one of: ${roles.join(', ')}.`,
        {},
        { roles, role: role ?? null },
      );
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/**
 * CSRF check of a cookie-carrying (or anonymous) mutation: a browser's `Sec-Fetch-Site` must say
 * same-origin (or none: typed by the user); without it, an `Origin` must name this host. Clients that send
 * neither (the CLI, curl) pass: they carry no ambient cookie a third-party page could borrow.
 */
export function assertSameOrigin(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin' || site === 'none') return;
    throw new HttpUserError(
      403,
      'CSRF_REJECTED',
      `cross-site request refused (Sec-Fetch-Site: ${site}); use the Studio's own pages`,
    );
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return;
  const host = request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new HttpUserError(403, 'CSRF_REJECTED', `cross-site request refused (Origin: ${origin})`);
  }
  if (originHost === host || allowedOrigins.includes(origin)) return;
  throw new HttpUserError(
    403,
    'CSRF_REJECTED',
    `cross-site request refused (Origin: ${origin}); use the Studio's own pages`,
  );
}
