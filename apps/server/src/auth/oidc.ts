import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { roleSchema, type Actor, type Role } from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError } from '../http-error';
import { toActor } from './auth-service';
import { sha256 } from './secrets';

/** OIDC sign-in settings (from `STUDIO_OIDC_*`; see `oidcSettingsFromEnv`). */
export interface OidcSettings {
  /** The provider's issuer URL (its discovery document is at `/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This Studio's callback, registered at the provider: `https://<host>/api/auth/oidc/callback`. */
  redirectUri: string;
  /** A claim whose value (a role, or a list holding one) sets the user's role at every sign-in. */
  roleClaim?: string | undefined;
  /** The role of a new user when no claim names one (default viewer). */
  defaultRole?: Role | undefined;
  /** Shown on the sign-in button (default "single sign-on"). */
  name?: string | undefined;
}

/** Settings from the environment, or null when `STUDIO_OIDC_ISSUER` is unset (OIDC off). */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.STUDIO_OIDC_ISSUER;
  if (!issuer) return null;
  const need = (name: string) => {
    const v = env[name];
    if (!v)
      throw new HttpUserError(400, 'REQUEST_INVALID', `STUDIO_OIDC_ISSUER is set, so ${name} is needed too`);
    return v;
  };
  const role = env.STUDIO_OIDC_DEFAULT_ROLE ? roleSchema.parse(env.STUDIO_OIDC_DEFAULT_ROLE) : undefined;
  return {
    issuer,
    clientId: need('STUDIO_OIDC_CLIENT_ID'),
    clientSecret: need('STUDIO_OIDC_CLIENT_SECRET'),
    redirectUri: need('STUDIO_OIDC_REDIRECT_URI'),
    roleClaim: env.STUDIO_OIDC_ROLE_CLAIM || undefined,
    defaultRole: role,
    name: env.STUDIO_OIDC_NAME || undefined,
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A sign-in started must finish within this (the provider's login page included). */
export const PENDING_TTL_MS = 10 * 60 * 1000;
/** Sign-ins in progress kept at most (anyone may start one): beyond this the oldest are dropped. */
export const MAX_PENDING = 10_000;

const failed = (why: string) =>
  new HttpUserError(401, 'OIDC_FAILED', `Single sign-on did not complete (${why}); start the sign-in again.`);

/**
 * Sign-in through an OpenID Connect provider (authorization code with PKCE, state and nonce), with
 * `openid-client`. A provider user becomes a Studio user on first sign-in, keyed by issuer and subject (never by
 * a name a provider could choose to collide with a local account), with the role the configured claim names, or
 * the default role.
 */
export class OidcService {
  private config: Promise<client.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    private readonly prisma: StudioPrisma,
    private readonly audit: () => AuditLog | null,
  ) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const url = new URL(this.settings.issuer);
      // Plain http only to a provider on this machine (tests, a local Keycloak); anything else needs TLS.
      const insecure = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
      this.config = client
        .discovery(url, this.settings.clientId, this.settings.clientSecret, undefined, {
          // ID tokens are checked against the provider's JWKS too, not only trusted for coming over TLS.
          execute: insecure
            ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
            : [client.enableNonRepudiationChecks],
        })
        .catch((e: unknown) => {
          this.config = null;
          throw new HttpUserError(
            503,
            'SERVICE_UNAVAILABLE',
            `the OIDC provider at ${this.settings.issuer} could not be reached (${e instanceof Error ? e.message : String(e)}); try again, or sign in with a password`,
          );
        });
    }
    return this.config;
  }

  /**
   * Where to send the browser to sign in: the provider's authorization URL with fresh state, nonce and PKCE.
   * The sign-in in progress is a database row (`OidcSignIn`, keyed by the state's sha256), so any replica, or
   * this one after a restart, can finish it; expired rows are swept here.
   */
  async start(): Promise<URL> {
    const config = await this.configuration();
    const now = Date.now();
    await this.prisma.oidcSignIn.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
    const live = await this.prisma.oidcSignIn.count();
    if (live >= MAX_PENDING) {
      const oldest = await this.prisma.oidcSignIn.findMany({
        orderBy: { createdAt: 'asc' },
        take: live - MAX_PENDING + 1,
        select: { id: true },
      });
      await this.prisma.oidcSignIn.deleteMany({ where: { id: { in: oldest.map((r) => r.id) } } });
    }
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.prisma.oidcSignIn.create({
      data: { id: sha256(state), verifier, nonce, expiresAt: new Date(now + PENDING_TTL_MS) },
    });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Takes the sign-in in progress for `state` out of the database: once, whichever replica asks first. */
  private async takePending(state: string): Promise<{ verifier: string; nonce: string } | null> {
    if (!state) return null;
    try {
      const row = await this.prisma.oidcSignIn.delete({ where: { id: sha256(state) } });
      return row.expiresAt.getTime() > Date.now() ? row : null;
    } catch (e) {
      // P2025: no such row (never started, already used, or swept).
      if ((e as { code?: unknown }).code === 'P2025') return null;
      throw e;
    }
  }

  /** Completes the sign-in from the provider's redirect (its query string): the Studio user it maps to. */
  async finish(query: string): Promise<Actor> {
    const config = await this.configuration();
    const state = new URLSearchParams(query).get('state') ?? '';
    const pending = await this.takePending(state);
    if (!pending) throw failed('unknown or expired state');
    const url = new URL(this.settings.redirectUri);
    url.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      throw failed(e instanceof Error ? e.message : String(e));
    }
    if (!claims) throw failed('no ID token');
    return this.userFor(claims);
  }

  private roleFrom(claims: client.IDToken): Role | null {
    if (!this.settings.roleClaim) return null;
    const value = claims[this.settings.roleClaim];
    const values = Array.isArray(value) ? value : [value];
    // Several roles named: the first the Studio knows, in the order of the claim.
    for (const v of values) {
      const parsed = roleSchema.safeParse(v);
      if (parsed.success) return parsed.data;
    }
    return null;
  }

  private async userFor(claims: client.IDToken): Promise<Actor> {
    const subject = `${claims.iss} ${claims.sub}`;
    const name = String(claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub).slice(0, 200);
    const claimed = this.roleFrom(claims);
    let user = await this.prisma.user.findUnique({ where: { oidcSubject: subject } });
    const changes: string[] = [];
    if (!user) {
      const role = claimed ?? this.settings.defaultRole ?? 'viewer';
      user = await this.prisma.user.create({
        data: {
          id: randomUUID(),
          oidcSubject: subject,
          name,
          role,
          username: await this.freeUsername(claims),
        },
      });
      changes.push(`${user.username} created from single sign-on as ${role}`);
    } else if (claimed && claimed !== user.role) {
      changes.push(
        `role of ${user.username} changed from ${user.role} to ${claimed} by the identity provider`,
      );
      user = await this.prisma.user.update({ where: { id: user.id }, data: { role: claimed } });
    }
    if (user.disabled)
      throw new HttpUserError(401, 'SIGN_IN_FAILED', 'This account is disabled; ask an admin.');
    const actor = toActor(user);
    const audit = this.audit();
    if (audit)
      await this.prisma.$transaction((tx) =>
        audit.record(tx, {
          actor,
          action: 'auth.sign-in',
          targetType: 'user',
          targetId: actor.id,
          projectId: null,
          changes: [`${user.username} signed in with single sign-on`, ...changes],
        }),
      );
    return actor;
  }

  /** A sign-in name from the provider's, made unique (a local `admin` is never taken over). */
  private async freeUsername(claims: client.IDToken): Promise<string> {
    const raw = String(claims.preferred_username ?? claims.email ?? 'sso-user')
      .toLowerCase()
      .replace(/@.*/, '')
      .replace(/[^a-z0-9._-]/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 48);
    const base = raw.length >= 2 ? raw : 'sso-user';
    if (!(await this.prisma.user.findUnique({ where: { username: base } }))) return base;
    return `${base}-${randomUUID().slice(0, 8)}`;
  }
}
