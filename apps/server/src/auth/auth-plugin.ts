import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessTokenSchema,
  changePasswordBodySchema,
  createdTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  errorBodySchema,
  routes,
  sessionSchema,
  under,
  updateUserBodySchema,
  userSchema,
  signInBodySchema,
  authMethodsSchema,
} from '@studio/api';
import { clearSessionCookie, sessionSecretOf, setSessionCookie } from './cookies';
import { OidcService, type OidcSettings } from './oidc';
import { HttpUserError } from '../http-error';

export interface AuthRoutesOptions {
  /** `Secure` on the session cookie: true, false, or 'auto' (when the request came over TLS). */
  secureCookies?: boolean | 'auto';
  /** Sign-in attempts per client address per minute (on top of the per-name backoff); default 20. */
  signInPerMinute?: number;
  /** Optional OIDC sign-in; null: passwords only. */
  oidc?: OidcSettings | null;
}

const userParams = z.object({ userId: z.string() });
const tokenParams = z.object({ tokenId: z.string() });
const okSchema = z.object({ ok: z.literal(true) });

/** Sign-in, sign-out, session, password, users (admin) and personal access tokens, under `/api`. */
export const authRoutes = fp<AuthRoutesOptions>(
  async (outer, opts) => {
    const secureFor = (protocol: string) =>
      opts.secureCookies === true || (opts.secureCookies !== false && protocol === 'https');
    const oidc = opts.oidc ? new OidcService(opts.oidc, outer.prisma, () => outer.audit) : null;
    const needOidc = () => {
      if (!oidc)
        throw new HttpUserError(
          404,
          'OIDC_NOT_CONFIGURED',
          'Single sign-on is not configured on this Studio (STUDIO_OIDC_ISSUER and friends); sign in with a password.',
        );
      return oidc;
    };
    const routesPlugin: FastifyPluginAsyncZod = async (app) => {
      const auth = app.auth;
      app.get(
        under('/api', routes.authMethods),
        {
          schema: {
            tags: ['auth'],
            summary: 'How one may sign in here (password; OIDC when configured)',
            response: { 200: authMethodsSchema },
          },
        },
        async () => ({
          password: true as const,
          oidc: oidc ? { name: opts.oidc?.name ?? 'single sign-on' } : null,
        }),
      );

      app.get(
        under('/api', routes.oidcStart),
        {
          config: { rateLimit: { max: opts.signInPerMinute ?? 20, timeWindow: 60_000 } },
          schema: {
            tags: ['auth'],
            summary: 'Sign in with the OIDC provider: redirects to it (404 when not configured)',
            response: { 404: errorBodySchema, 503: errorBodySchema },
          },
        },
        async (_request, reply) => reply.redirect((await needOidc().start()).toString(), 303),
      );

      app.get(
        under('/api', routes.oidcCallback),
        {
          config: { rateLimit: { max: opts.signInPerMinute ?? 20, timeWindow: 60_000 } },
          schema: {
            tags: ['auth'],
            summary:
              "The OIDC provider's redirect back: signs in (session cookie) and redirects to the web app",
            response: { 401: errorBodySchema, 404: errorBodySchema },
          },
        },
        async (request, reply) => {
          const service = needOidc();
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
          const actor = await service.finish(query);
          const session = await auth.createSession(actor.id, String(request.headers['user-agent'] ?? ''));
          setSessionCookie(reply, session.secret, session.expiresAt, secureFor(request.protocol));
          return reply.redirect('/#/', 303);
        },
      );

      app.post(
        under('/api', routes.signIn),
        {
          config: {
            rateLimit: { max: opts.signInPerMinute ?? 20, timeWindow: 60_000 },
          },
          schema: {
            tags: ['auth'],
            summary: 'Sign in with a username and password; sets the httpOnly session cookie',
            body: signInBodySchema,
            response: { 200: sessionSchema, 401: errorBodySchema, 429: errorBodySchema },
          },
        },
        async (request, reply) => {
          const ua = String(request.headers['user-agent'] ?? '');
          const { secret, expiresAt, actor } = await auth.signIn(
            request.body.username,
            request.body.password,
            ua,
          );
          setSessionCookie(reply, secret, expiresAt, secureFor(request.protocol));
          return {
            actor,
            username: request.body.username.trim().toLowerCase(),
            expiresAt: expiresAt.toISOString(),
            mustSetPassword: false,
          };
        },
      );

      app.get(
        under('/api', routes.signInLink),
        {
          schema: {
            tags: ['auth'],
            summary:
              'Use a one-time sign-in link (first admin, password reset): signs in and redirects to the web app',
            params: z.object({ token: z.string() }),
          },
        },
        async (request, reply) => {
          const session = await auth.consumeSignInLink(
            request.params.token,
            String(request.headers['user-agent'] ?? ''),
          );
          if (!session) return reply.redirect('/?link=invalid', 303);
          setSessionCookie(reply, session.secret, session.expiresAt, secureFor(request.protocol));
          return reply.redirect('/#/account?welcome=1', 303);
        },
      );

      app.post(
        under('/api', routes.signOut),
        { schema: { tags: ['auth'], summary: 'End this session', response: { 200: okSchema } } },
        async (request, reply) => {
          const secret = sessionSecretOf(request);
          if (secret) await auth.signOut(secret);
          clearSessionCookie(reply, secureFor(request.protocol));
          return { ok: true as const };
        },
      );

      app.get(
        under('/api', routes.session),
        {
          schema: {
            tags: ['auth'],
            summary: 'Who is signed in, until when',
            response: { 200: sessionSchema },
          },
        },
        async (request) => ({
          actor: request.actor,
          username: request.principal?.username ?? null,
          expiresAt: request.principal?.expiresAt?.toISOString() ?? null,
          mustSetPassword: request.principal?.mustSetPassword ?? false,
        }),
      );

      app.post(
        under('/api', routes.changePassword),
        {
          schema: {
            tags: ['auth'],
            summary: 'Change (or, after a one-time link, set) your password; your other sessions end',
            body: changePasswordBodySchema,
            response: { 200: okSchema, 400: errorBodySchema, 401: errorBodySchema },
          },
        },
        async (request) => {
          await auth.changePassword(
            request.actor.id,
            request.body.currentPassword,
            request.body.newPassword,
            request.principal?.via === 'session' ? sessionSecretOf(request) : null,
          );
          return { ok: true as const };
        },
      );

      app.get(
        under('/api', routes.listUsers),
        {
          schema: {
            tags: ['users'],
            summary: 'Every account (admin)',
            response: { 200: z.array(userSchema) },
          },
        },
        async () => auth.listUsers(),
      );

      app.post(
        under('/api', routes.createUser),
        {
          schema: {
            tags: ['users'],
            summary: 'Create an account (admin); without a password, answers a one-time sign-in link',
            body: createUserBodySchema,
            response: { 201: userSchema.extend({ signInLink: z.string().nullable() }), 409: errorBodySchema },
          },
        },
        async (request, reply) => {
          const user = await auth.createUser(request.body, request.actor);
          const link = request.body.password ? null : (await auth.resetPassword(user.id)).link;
          return reply.code(201).send({ ...user, signInLink: link ? `/api/auth/link/${link}` : null });
        },
      );

      app.patch(
        under('/api', routes.updateUser),
        {
          schema: {
            tags: ['users'],
            summary:
              'Change an account’s role, name or disabled flag (admin); its sessions end on a role change',
            params: userParams,
            body: updateUserBodySchema,
            response: { 200: userSchema, 404: errorBodySchema, 409: errorBodySchema },
          },
        },
        async (request) => auth.updateUser(request.params.userId, request.body, request.actor),
      );

      app.post(
        under('/api', routes.resetPassword),
        {
          schema: {
            tags: ['users'],
            summary:
              'Clear an account’s password, sessions and tokens; answers a one-time sign-in link (admin)',
            params: userParams,
            response: { 200: z.object({ user: userSchema, signInLink: z.string() }), 404: errorBodySchema },
          },
        },
        async (request) => {
          const { user, link } = await auth.resetPassword(request.params.userId, request.actor);
          return { user, signInLink: `/api/auth/link/${link}` };
        },
      );

      app.get(
        under('/api', routes.listTokens),
        {
          schema: {
            tags: ['tokens'],
            summary: 'Your personal access tokens',
            response: { 200: z.array(accessTokenSchema) },
          },
        },
        async (request) => auth.listTokens(request.actor.id),
      );

      app.post(
        under('/api', routes.createToken),
        {
          schema: {
            tags: ['tokens'],
            summary: 'Create a personal access token for /api (shown once); read tokens may only GET',
            body: createTokenBodySchema,
            response: { 201: createdTokenSchema },
          },
        },
        async (request, reply) =>
          reply.code(201).send(await auth.createToken(request.actor.id, request.body)),
      );

      app.post(
        under('/api', routes.revokeToken),
        {
          schema: {
            tags: ['tokens'],
            summary: 'Revoke one of your tokens',
            params: tokenParams,
            response: { 200: accessTokenSchema, 404: errorBodySchema },
          },
        },
        async (request) => auth.revokeToken(request.actor.id, request.params.tokenId),
      );
    };
    await outer.register(routesPlugin, { prefix: '/api' });
  },
  { name: 'auth-routes', dependencies: ['db', 'actor', 'audit'] },
);
