import fp from 'fastify-plugin';
import { can, type Actor } from '@studio/api';
import { AuthService, type AuthSettings, type Principal } from '../auth/auth-service';
import {
  assertSameOrigin,
  isApiRequest,
  isPermission,
  isSafeMethod,
  policyOf,
  assertCan,
} from '../auth/authorize';
import { sessionSecretOf } from '../auth/cookies';
import type { Authenticate } from '../fastify-types';
import { createOnce } from '../db/create-once';
import { HttpUserError } from '../http-error';
import { LOCAL_ACTOR } from './local-actor';

export interface ActorPluginOptions {
  /** `sessions` (default): accounts, cookies and tokens. `local`: every request is the local analyst (admin). */
  mode?: 'sessions' | 'local';
  /** Replaces how a request proves who it is (tests). */
  authenticate?: Authenticate;
  authSettings?: Partial<AuthSettings>;
  /** Origins besides the request's own host that may post with the session cookie (a dev server's). */
  allowedOrigins?: readonly string[];
}

const LOCAL_PRINCIPAL: Principal = {
  actor: LOCAL_ACTOR,
  username: null,
  via: 'session',
  expiresAt: null,
  mustSetPassword: false,
};

/**
 * Gives every `/api` request its principal (`request.actor`: id, name, role) and enforces the route's policy
 * from `@studio/api`'s `routePolicies` before any handler runs: anonymous → 401, a role without the
 * permission → 403, a cookie-carried cross-site mutation → 403. `/v1` (deployment keys) and the web app's
 * files are not touched here.
 */
export const actorPlugin = fp<ActorPluginOptions>(
  async (app, opts) => {
    const auth = new AuthService(
      app.prisma,
      opts.authSettings ?? {},
      () => (app.hasDecorator('audit') ? app.audit : null),
      app.database.provider,
    );
    app.decorate('auth', auth);
    const sessionAuthenticate: Authenticate = async (request) => {
      const header = request.headers.authorization;
      if (typeof header === 'string' && /^bearer /i.test(header))
        return auth.resolveToken(header.slice(7).trim());
      const secret = sessionSecretOf(request);
      return secret ? auth.resolveSession(secret) : null;
    };
    const authenticate: Authenticate =
      opts.authenticate ?? (opts.mode === 'local' ? async () => LOCAL_PRINCIPAL : sessionAuthenticate);
    const allowedOrigins = opts.allowedOrigins ?? [];
    app.decorate('authenticate', authenticate);
    app.decorateRequest('actor', null as unknown as Actor);
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      if (!isApiRequest(request)) return;
      const policy = policyOf(request);
      const found = await authenticate(request);
      const principal = found === 'expired' ? null : found;
      if (principal) {
        request.principal = principal;
        request.actor = principal.actor;
      }
      if (!isSafeMethod(request.method) && principal?.via !== 'token')
        assertSameOrigin(request, allowedOrigins);
      if (policy === 'public' || policy === 'deploymentKey') return;
      if (!principal) {
        if (found === 'expired')
          throw new HttpUserError(
            401,
            'SESSION_EXPIRED',
            'Your session has ended; sign in again (unsaved work stays in this tab).',
          );
        throw new HttpUserError(
          401,
          'AUTH_REQUIRED',
          'Sign in first (or send a personal access token as "Authorization: Bearer …").',
        );
      }
      if (principal.via === 'token' && principal.scope === 'read' && !isSafeMethod(request.method))
        throw new HttpUserError(
          403,
          'TOKEN_SCOPE',
          'This access token is read-only; create a write token to change things.',
        );
      if (isPermission(policy) && !can(principal.actor.role, policy)) assertCan(request, policy);
    });
    // The local analyst authors the seed and everything in local mode; it must exist before anything references it.
    // Replicas starting at once may all find it missing: `createOnce` takes the one another made.
    app.addHook('onReady', async () => {
      await createOnce(
        () => app.prisma.user.findUnique({ where: { id: LOCAL_ACTOR.id }, select: { id: true } }),
        () =>
          app.prisma.user.create({
            data: { id: LOCAL_ACTOR.id, name: LOCAL_ACTOR.name },
            select: { id: true },
          }),
      );
    });
  },
  { name: 'actor', dependencies: ['db'] },
);
