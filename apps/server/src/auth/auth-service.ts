import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AccessToken, Actor, Role, User } from '@studio/api';
import { ACCESS_TOKEN_PREFIX, MIN_PASSWORD_LENGTH, ROLES, passwordSchema, roleSchema } from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { Provider } from '../db/database-target';
import { isLostRace } from '../db/create-once';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError, notFound } from '../http-error';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { newSecret, sha256 } from './secrets';

/** Timeouts and backoff; every field has a default (`defaultAuthSettings`). */
export interface AuthSettings {
  /** A session unused this long ends (default 2 h). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in whatever its use (default 12 h). */
  sessionAbsoluteMs: number;
  /** Failed sign-ins allowed before the backoff starts (default 5). */
  freeFailures: number;
  /** First lock after `freeFailures`, doubled with each further failure (default 30 s) … */
  lockBaseMs: number;
  /** … up to this (default 15 min). */
  lockMaxMs: number;
  /** One-time sign-in links live this long (default 24 h). */
  linkTtlMs: number;
}

export const defaultAuthSettings: AuthSettings = {
  sessionIdleMs: 2 * 60 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  freeFailures: 5,
  lockBaseMs: 30 * 1000,
  lockMaxMs: 15 * 60 * 1000,
  linkTtlMs: 24 * 60 * 60 * 1000,
};

/** The one answer to any failed sign-in, whichever part was wrong (no user enumeration). */
export const SIGN_IN_FAILED_MESSAGE = 'The username or password is not correct.';

type UserRow = Awaited<ReturnType<StudioPrisma['user']['findFirstOrThrow']>>;

/** Who a request acts as, and how it proved it. */
export interface Principal {
  actor: Actor;
  username: string | null;
  via: 'session' | 'token';
  /** Tokens only: `read` tokens may only GET. */
  scope?: 'read' | 'write';
  expiresAt: Date | null;
  mustSetPassword: boolean;
}

export function asRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : 'viewer';
}

export function toActor(row: Pick<UserRow, 'id' | 'name' | 'role'>): Actor {
  return { id: row.id, name: row.name, role: asRole(row.role) };
}

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: asRole(row.role),
    disabled: row.disabled,
    hasPassword: row.passwordHash !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toTokenDto(row: {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): AccessToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope === 'write' ? 'write' : 'read',
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** What a first start did: the admin's name and the link to print, or when another start printed one. */
export interface FirstAdmin {
  username: string;
  /** The one-time link's secret; null when a password was set, or when another start issued the link. */
  link: string | null;
  /** Set when another start (a replica starting at the same time) issued the link that is valid now. */
  linkIssuedAt?: Date;
}

// First starts take turns on PostgreSQL through this transaction-scoped advisory lock (the migrator and the
// audit log use other keys).
const FIRST_ADMIN_LOCK_KEY = 7_340_112_235;
/** A first-admin link younger than this is another replica's, printed at the same start: it stays valid. */
export const FIRST_LINK_QUIET_MS = 2 * 60 * 1000;

/** Failed sign-ins per name, kept for unknown names too so a locked name says nothing about existing. */
interface FailureState {
  failures: number;
  lockedUntil: number;
}
const MAX_TRACKED_NAMES = 10_000;

/**
 * Accounts, sessions, one-time links and personal access tokens. Used by the server's routes, by start-up
 * (first admin) and by `studio users`. Secrets are returned once and stored as sha256 only.
 */
export class AuthService {
  readonly settings: AuthSettings;
  private readonly failures = new Map<string, FailureState>();

  constructor(
    private readonly prisma: StudioPrisma,
    settings: Partial<AuthSettings> = {},
    private readonly audit: () => AuditLog | null = () => null,
    private readonly provider: Provider = 'sqlite',
  ) {
    this.settings = { ...defaultAuthSettings, ...settings };
  }

  private async record(
    actor: Actor,
    action: string,
    target: UserRow | { id: string },
    changes: string[] = [],
  ) {
    const audit = this.audit();
    if (!audit) return;
    await this.prisma.$transaction((tx) =>
      audit.record(tx, { actor, action, targetType: 'user', targetId: target.id, projectId: null, changes }),
    );
  }

  // ---- users ----

  async listUsers(): Promise<User[]> {
    const rows = await this.prisma.user.findMany({ orderBy: { createdAt: 'asc' } });
    return rows.filter((r) => r.username !== null).map(toUserDto);
  }

  async findUser(idOrUsername: string): Promise<UserRow | null> {
    return (
      (await this.prisma.user.findUnique({ where: { id: idOrUsername } })) ??
      (await this.prisma.user.findUnique({ where: { username: idOrUsername.toLowerCase() } }))
    );
  }

  private async userOrThrow(idOrUsername: string): Promise<UserRow> {
    const row = await this.findUser(idOrUsername);
    if (!row || row.username === null) throw notFound('user', idOrUsername);
    return row;
  }

  async createUser(
    input: { username: string; name: string; role: Role; password?: string | undefined },
    by: Actor | null = null,
  ): Promise<User> {
    const username = input.username.toLowerCase();
    if (await this.prisma.user.findUnique({ where: { username } }))
      throw new HttpUserError(
        409,
        'USERNAME_TAKEN',
        `a user named "${username}" exists already; pick another name`,
      );
    const row = await this.prisma.user.create({
      data: {
        id: randomUUID(),
        username,
        name: input.name,
        role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
      },
    });
    if (by) await this.record(by, 'user.create', row, [`user ${username} created as ${input.role}`]);
    return toUserDto(row);
  }

  /** Changes role, name or disabled; refuses to leave the Studio without an enabled admin. */
  async updateUser(
    idOrUsername: string,
    patch: { role?: Role | undefined; disabled?: boolean | undefined; name?: string | undefined },
    by: Actor | null = null,
  ): Promise<User> {
    const row = await this.userOrThrow(idOrUsername);
    const losesAdmin =
      row.role === 'admin' &&
      !row.disabled &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) {
      const admins = await this.prisma.user.count({ where: { role: 'admin', disabled: false } });
      if (admins <= 1)
        throw new HttpUserError(
          409,
          'LAST_ADMIN',
          `${row.username} is the only enabled admin; make another admin first`,
        );
    }
    const updated = await this.prisma.user.update({
      where: { id: row.id },
      data: {
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.disabled === undefined ? {} : { disabled: patch.disabled }),
      },
    });
    // A disabled user, or one whose role changed, signs in again.
    if (patch.disabled === true || (patch.role !== undefined && patch.role !== row.role))
      await this.revokeAll(row.id);
    const changes: string[] = [];
    if (patch.role !== undefined && patch.role !== row.role)
      changes.push(`role of ${row.username} changed from ${row.role} to ${patch.role}`);
    if (patch.disabled !== undefined && patch.disabled !== row.disabled)
      changes.push(`${row.username} ${patch.disabled ? 'disabled' : 'enabled'}`);
    if (by && changes.length) await this.record(by, 'user.update', row, changes);
    return toUserDto(updated);
  }

  /** Clears the password, ends every session and token, and returns a one-time sign-in link's secret. */
  async resetPassword(idOrUsername: string, by: Actor | null = null): Promise<{ user: User; link: string }> {
    const row = await this.userOrThrow(idOrUsername);
    await this.prisma.user.update({
      where: { id: row.id },
      data: { passwordHash: null, failedSignIns: 0, lockedUntil: null },
    });
    this.failures.delete(row.username!);
    await this.revokeAll(row.id, true);
    const link = await this.createSignInLink(row.id);
    if (by) await this.record(by, 'user.reset-password', row, [`password of ${row.username} reset`]);
    return { user: toUserDto({ ...row, passwordHash: null }), link };
  }

  private async revokeAll(userId: string, tokensToo = false): Promise<void> {
    const now = new Date();
    await this.prisma.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    if (tokensToo)
      await this.prisma.accessToken.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: now },
      });
  }

  /**
   * First start: when no enabled admin can sign in, makes sure one exists (`admin`, created on an empty
   * database) and either sets the given password or returns a one-time link's secret to print.
   *
   * Several replicas may start at once on one database: the check and the writes take turns (a
   * transaction-scoped advisory lock on PostgreSQL; on SQLite the transaction opens with a write, so it holds
   * the single writer lock from its first statement). Exactly one start creates the admin and issues its link;
   * a start that finds a link another start issued within `FIRST_LINK_QUIET_MS` leaves it valid and answers
   * `linkIssuedAt` instead of a link (that start printed it; `studio users reset-password` makes a new one).
   */
  async ensureFirstAdmin(password?: string): Promise<FirstAdmin | null> {
    const usableAdmin = {
      where: { role: 'admin', disabled: false, username: { not: null }, passwordHash: { not: null } },
    };
    if ((await this.prisma.user.count(usableAdmin)) > 0) return null;
    if (password !== undefined && !passwordSchema.safeParse(password).success)
      throw new HttpUserError(
        400,
        'REQUEST_INVALID',
        `the first admin's password (STUDIO_ADMIN_PASSWORD or its file) needs at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    // Hashed before the lock is taken: the other replicas wait for writes, not for scrypt.
    const passwordHash = password ? await hashPassword(password) : null;
    const attempt = () =>
      this.prisma.$transaction(
        async (tx) => {
          if (this.provider === 'postgresql')
            await tx.$queryRawUnsafe(
              `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY})) l`,
            );
          // SQLite: a write first, so this transaction holds the writer lock before it reads anything.
          else await tx.$executeRawUnsafe(`UPDATE "User" SET "role" = "role" WHERE "role" = 'admin'`);
          if ((await tx.user.count(usableAdmin)) > 0) return null;
          let admin = await tx.user.findFirst({
            where: { role: 'admin', disabled: false, username: { not: null } },
            orderBy: { createdAt: 'asc' },
          });
          const created = !admin;
          if (!admin) {
            const taken = await tx.user.findUnique({ where: { username: 'admin' } });
            admin = await tx.user.create({
              data: {
                id: randomUUID(),
                username: taken ? `admin-${randomUUID().slice(0, 8)}` : 'admin',
                name: 'Administrator',
                role: 'admin',
              },
            });
          }
          if (passwordHash) {
            await tx.user.update({ where: { id: admin.id }, data: { passwordHash } });
            return { username: admin.username!, link: null };
          }
          const now = new Date();
          if (!created) {
            const recent = await tx.signInLink.findFirst({
              where: {
                userId: admin.id,
                usedAt: null,
                expiresAt: { gt: now },
                createdAt: { gt: new Date(now.getTime() - FIRST_LINK_QUIET_MS) },
              },
              orderBy: { createdAt: 'desc' },
            });
            if (recent) return { username: admin.username!, link: null, linkIssuedAt: recent.createdAt };
          }
          // Links printed at earlier starts stop working: only the newest one is valid.
          await tx.signInLink.updateMany({
            where: { userId: admin.id, usedAt: null },
            data: { usedAt: now },
          });
          const secret = newSecret();
          await tx.signInLink.create({
            data: {
              id: sha256(secret),
              userId: admin.id,
              createdAt: now,
              expiresAt: new Date(now.getTime() + this.settings.linkTtlMs),
            },
          });
          return { username: admin.username!, link: secret };
        },
        // Generous: on a loaded machine the other replicas' turns come first.
        { maxWait: 30_000, timeout: 30_000 },
      );
    // A start that lost a race it could not wait out (a unique insert, a busy or timed-out lock on a loaded
    // machine) looks again: the transaction re-reads everything, so a retry finds the winner's admin and link.
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (e) {
        if (tries >= 4 || !isLostRace(e)) throw e;
        await sleep(100 * tries);
      }
    }
  }

  async createSignInLink(userId: string): Promise<string> {
    const secret = newSecret();
    await this.prisma.signInLink.create({
      data: { id: sha256(secret), userId, expiresAt: new Date(Date.now() + this.settings.linkTtlMs) },
    });
    return secret;
  }

  /** Uses a one-time link: a session for its user, or null when it is unknown, used, expired or the user disabled. */
  async consumeSignInLink(
    secret: string,
    userAgent = '',
  ): Promise<{ secret: string; expiresAt: Date } | null> {
    const id = sha256(secret);
    const link = await this.prisma.signInLink.findUnique({ where: { id }, include: { user: true } });
    if (!link || link.usedAt || link.expiresAt <= new Date() || link.user.disabled) return null;
    const claimed = await this.prisma.signInLink.updateMany({
      where: { id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    return this.createSession(link.userId, userAgent);
  }

  // ---- sign-in and sessions ----

  private failureState(name: string): FailureState {
    return this.failures.get(name) ?? { failures: 0, lockedUntil: 0 };
  }

  /** Milliseconds until `name` may try again (0 when it may now). */
  retryAfterMs(username: string): number {
    return Math.max(0, this.failureState(username.toLowerCase()).lockedUntil - Date.now());
  }

  private noteFailure(name: string): void {
    const state = this.failureState(name);
    state.failures += 1;
    const over = state.failures - this.settings.freeFailures;
    if (over >= 0)
      state.lockedUntil =
        Date.now() + Math.min(this.settings.lockMaxMs, this.settings.lockBaseMs * 2 ** over);
    if (this.failures.size >= MAX_TRACKED_NAMES && !this.failures.has(name)) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(name, state);
  }

  /**
   * Checks a username and password. Wrong name, wrong password, disabled user or a user without a password
   * all answer the same 401; after `freeFailures` failures the name is locked with a doubling backoff (429).
   */
  async signIn(
    usernameRaw: string,
    password: string,
    userAgent = '',
  ): Promise<{ secret: string; expiresAt: Date; actor: Actor }> {
    const username = usernameRaw.trim().toLowerCase();
    const wait = this.retryAfterMs(username);
    if (wait > 0)
      throw new HttpUserError(
        429,
        'SIGN_IN_LOCKED',
        `Too many failed sign-ins for this name; try again in ${Math.ceil(wait / 1000)} s.`,
        {},
        { retryAfterSeconds: Math.ceil(wait / 1000) },
      );
    const user = await this.prisma.user.findUnique({ where: { username } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled || user.passwordHash === null) {
      this.noteFailure(username);
      if (user) {
        const state = this.failureState(username);
        await this.prisma.user.update({
          where: { id: user.id },
          data: {
            failedSignIns: state.failures,
            lockedUntil: state.lockedUntil ? new Date(state.lockedUntil) : null,
          },
        });
        await this.record(toActor(user), 'auth.sign-in-failed', user, [`failed sign-in as ${username}`]);
      }
      throw new HttpUserError(401, 'SIGN_IN_FAILED', SIGN_IN_FAILED_MESSAGE);
    }
    this.failures.delete(username);
    if (user.failedSignIns !== 0 || user.lockedUntil)
      await this.prisma.user.update({
        where: { id: user.id },
        data: { failedSignIns: 0, lockedUntil: null },
      });
    const session = await this.createSession(user.id, userAgent);
    await this.record(toActor(user), 'auth.sign-in', user, [`${username} signed in`]);
    return { ...session, actor: toActor(user) };
  }

  async createSession(userId: string, userAgent = ''): Promise<{ secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + this.settings.sessionAbsoluteMs);
    await this.prisma.session.create({
      data: { id: sha256(secret), userId, expiresAt, userAgent: userAgent.slice(0, 300) },
    });
    return { secret, expiresAt };
  }

  /** The session's principal; 'expired' for a known session past a timeout or revoked; null when unknown. */
  async resolveSession(secret: string): Promise<Principal | 'expired' | null> {
    const id = sha256(secret);
    const row = await this.prisma.session.findUnique({ where: { id }, include: { user: true } });
    if (!row) return null;
    const now = Date.now();
    if (
      row.revokedAt ||
      row.user.disabled ||
      row.expiresAt.getTime() <= now ||
      row.lastSeenAt.getTime() + this.settings.sessionIdleMs <= now
    )
      return 'expired';
    // Touch at most once a minute: one write per active minute, not per request.
    if (now - row.lastSeenAt.getTime() > 60_000)
      await this.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
    return {
      actor: toActor(row.user),
      username: row.user.username,
      via: 'session',
      expiresAt: row.expiresAt,
      mustSetPassword: row.user.passwordHash === null,
    };
  }

  async signOut(secret: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { id: sha256(secret), revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  /**
   * Sets a new password. With a password already set, the current one must match (401 PASSWORD_WRONG);
   * other sessions of the user end, the calling one (`keepSecret`) stays.
   */
  async changePassword(
    userId: string,
    current: string,
    next: string,
    keepSecret: string | null,
  ): Promise<void> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.passwordHash !== null && !(await verifyPassword(current, user.passwordHash)))
      throw new HttpUserError(401, 'PASSWORD_WRONG', 'The current password is not correct.');
    await this.prisma.user.update({
      where: { id: userId },
      data: { passwordHash: await hashPassword(next) },
    });
    await this.prisma.session.updateMany({
      where: { userId, revokedAt: null, ...(keepSecret ? { id: { not: sha256(keepSecret) } } : {}) },
      data: { revokedAt: new Date() },
    });
    await this.record(toActor(user), 'auth.password-change', user, [
      `${user.username} changed their password`,
    ]);
  }

  /** Sets a password directly (CLI, first admin from a secret). */
  async setPassword(idOrUsername: string, password: string): Promise<void> {
    const row = await this.userOrThrow(idOrUsername);
    await this.prisma.user.update({
      where: { id: row.id },
      data: { passwordHash: await hashPassword(password) },
    });
  }

  // ---- personal access tokens ----

  async createToken(
    userId: string,
    input: { name: string; scope: 'read' | 'write'; expiresInDays: number },
  ): Promise<AccessToken & { token: string }> {
    const token = newSecret(ACCESS_TOKEN_PREFIX);
    const row = await this.prisma.accessToken.create({
      data: {
        userId,
        name: input.name,
        scope: input.scope,
        prefix: token.slice(0, ACCESS_TOKEN_PREFIX.length + 6),
        hash: sha256(token),
        expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
      },
    });
    return { ...toTokenDto(row), token };
  }

  async listTokens(userId: string): Promise<AccessToken[]> {
    const rows = await this.prisma.accessToken.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toTokenDto);
  }

  async revokeToken(userId: string, tokenId: string): Promise<AccessToken> {
    const row = await this.prisma.accessToken.findFirst({ where: { id: tokenId, userId } });
    if (!row) throw notFound('token', tokenId);
    const updated = row.revokedAt
      ? row
      : await this.prisma.accessToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    return toTokenDto(updated);
  }

  /** The token's principal; 'expired' for a known token revoked or past its date; null when unknown. */
  async resolveToken(token: string): Promise<Principal | 'expired' | null> {
    const row = await this.prisma.accessToken.findUnique({
      where: { hash: sha256(token) },
      include: { user: true },
    });
    if (!row) return null;
    if (row.revokedAt || row.expiresAt <= new Date() || row.user.disabled) return 'expired';
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
      await this.prisma.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    return {
      actor: toActor(row.user),
      username: row.user.username,
      via: 'token',
      scope: row.scope === 'write' ? 'write' : 'read',
      expiresAt: row.expiresAt,
      mustSetPassword: false,
    };
  }
}

export { ROLES };
