import type { Actor, ApiKey, CreatedApiKey } from '@studio/api';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import { LOOKUP_TIMEOUT_MS, withDeadline } from '../db/deadline';
import { HttpUserError, notFound } from '../http-error';
import { hashApiKey, newApiKey } from './api-key';

/** How long a checked key is trusted before the database is asked again (revocations by other replicas). */
const KEY_TTL_MS = 2000;

interface KnownKey {
  hash: string;
  slug: string;
  revoked: boolean;
  at: number;
}

/** API keys of deployment slugs: created (shown once), listed, revoked, and checked on every prediction. */
export class KeyStore {
  /** Checked keys by the key as presented, so a cached request skips the sha256 too; only stored keys enter. */
  private readonly known = new Map<string, KnownKey>();

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
  ) {}

  /** A new key for `slug`; the secret is in this answer only, the database keeps its sha256. */
  async create(
    target: { slug: string; projectId: string },
    name: string,
    actor: Actor,
  ): Promise<CreatedApiKey> {
    const { key, prefix, hash } = newApiKey();
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.deploymentKey.create({
        data: { slug: target.slug, projectId: target.projectId, name, prefix, hash, createdById: actor.id },
      });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.key.create',
        targetType: 'deployment',
        targetId: target.slug,
        projectId: target.projectId,
        changes: [`created API key ${prefix}… "${name}"`],
      });
      return created;
    });
    return { ...toApiKey(row), key };
  }

  /** The slug's keys, newest first, without secrets. */
  async list(slug: string): Promise<ApiKey[]> {
    const rows = await this.prisma.deploymentKey.findMany({
      where: { slug },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map(toApiKey);
  }

  /** Revokes a key of the slug; requests with it answer 403 from now on. */
  async revoke(slug: string, keyId: string, actor: Actor): Promise<ApiKey> {
    const row = await this.prisma.deploymentKey.findFirst({ where: { id: keyId, slug } });
    if (!row) throw notFound('key', keyId);
    if (row.revokedAt) return toApiKey(row);
    const updated = await this.prisma.$transaction(async (tx) => {
      const u = await tx.deploymentKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, {
        actor,
        action: 'deployment.key.revoke',
        targetType: 'deployment',
        targetId: slug,
        projectId: row.projectId,
        changes: [`revoked API key ${row.prefix}… "${row.name}"`],
      });
      return u;
    });
    for (const [presented, k] of this.known) if (k.hash === row.hash) this.known.delete(presented);
    return toApiKey(updated);
  }

  /**
   * True when `key` is cached, fresh, of `slug` and not revoked: `authorize` would let it through without
   * awaiting anything. False means only "ask `authorize`" (which may still let it through).
   */
  allowsCached(slug: string, key: string | null): boolean {
    if (!key) return false;
    const known = this.known.get(key);
    return (
      known !== undefined && Date.now() - known.at <= KEY_TTL_MS && known.slug === slug && !known.revoked
    );
  }

  /** Lets a request through to `slug` or answers 401 (no key, unknown key, another slug's key) / 403 (revoked). */
  async authorize(slug: string, key: string | null): Promise<void> {
    if (!key)
      throw new HttpUserError(
        401,
        'API_KEY_MISSING',
        'Send the deployment API key as "Authorization: Bearer <key>". Create one on the deployment page.',
      );
    let known = this.known.get(key);
    if (known === undefined || Date.now() - known.at > KEY_TTL_MS) {
      const hash = hashApiKey(key);
      const row = await withDeadline(
        this.prisma.deploymentKey.findUnique({ where: { hash }, select: { slug: true, revokedAt: true } }),
        LOOKUP_TIMEOUT_MS,
        'the database',
      );
      known = row ? { hash, slug: row.slug, revoked: row.revokedAt !== null, at: Date.now() } : undefined;
      // Unknown keys are not cached: a flood of random keys must not grow this map.
      if (known) this.known.set(key, known);
      else this.known.delete(key);
    }
    if (!known || known.slug !== slug)
      throw new HttpUserError(
        401,
        'API_KEY_INVALID',
        `This API key is not valid for deployment "${slug}". Check the key, or create one for this deployment.`,
      );
    if (known.revoked)
      throw new HttpUserError(
        403,
        'API_KEY_REVOKED',
        'This API key was revoked. Ask the deployment owner for a new key.',
      );
  }
}

function toApiKey(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
