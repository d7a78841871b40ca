import { randomUUID } from 'node:crypto';
import type { StudioPrisma } from '../db/prisma-client';
import type { DbClock } from '../jobs/db-clock';

/** How workers hold runs: lease length, heartbeat period and how many claims a run gets. */
export interface LeaseSettings {
  /** A lease not renewed for this long is expired: another worker takes the run back. */
  leaseMs: number;
  /** The owner renews its leases (and hears a cancel flag) this often; a third of the lease or less. */
  heartbeatMs: number;
  /** Claims a run gets: an expired lease queues it again until this many, then marks it interrupted. */
  maxAttempts: number;
  /**
   * A succeeded job's result (an export zip, a scored CSV) is released this long after the job finished: the
   * job becomes `expired` and the blob sweep deletes the blob. 0 keeps results for ever.
   */
  resultRetentionMs: number;
}

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = {
  leaseMs: 30_000,
  heartbeatMs: 5_000,
  maxAttempts: 2,
  resultRetentionMs: 7 * 24 * 60 * 60 * 1000,
};

/**
 * Job settings from STUDIO_JOB_LEASE_MS, STUDIO_JOB_HEARTBEAT_MS, STUDIO_JOB_ATTEMPTS and
 * STUDIO_JOB_RESULT_RETENTION_MS, over the defaults.
 */
export function leaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LeaseSettings {
  const int = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    const v = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isInteger(v) && v >= min ? v : fallback;
  };
  const leaseMs = int('STUDIO_JOB_LEASE_MS', DEFAULT_LEASE_SETTINGS.leaseMs, 1000);
  return {
    leaseMs,
    heartbeatMs: Math.min(
      int('STUDIO_JOB_HEARTBEAT_MS', DEFAULT_LEASE_SETTINGS.heartbeatMs, 100),
      Math.floor(leaseMs / 3),
    ),
    maxAttempts: int('STUDIO_JOB_ATTEMPTS', DEFAULT_LEASE_SETTINGS.maxAttempts, 1),
    resultRetentionMs: int('STUDIO_JOB_RESULT_RETENTION_MS', DEFAULT_LEASE_SETTINGS.resultRetentionMs, 0),
  };
}

/** What a heartbeat found: the lease still held, lost (taken back, or the run deleted), or held with a cancel. */
export type LeaseState = 'held' | 'lost' | 'cancel';

/**
 * One claim of one run. Every write of a claimed run goes through `fence` (id, running, this claim's token),
 * so a worker that lost its lease — even one that later claims the same run again — writes nothing more.
 * Expiry times are the database's clock plus the lease (`clock`), never this machine's: a worker whose clock
 * runs behind does not write leases that others already see as expired.
 */
export class RunLease {
  readonly token: string;

  constructor(
    private readonly prisma: StudioPrisma,
    readonly runId: string,
    workerId: string,
    private readonly settings: LeaseSettings,
    private readonly clock: DbClock,
  ) {
    this.token = `${workerId}#${randomUUID().slice(0, 8)}`;
  }

  /** The where clause of every write this claim makes. */
  get fence() {
    return { id: this.runId, status: 'running', leaseOwner: this.token };
  }

  /** Takes a queued run (queued → running); false when it is not queued any more (taken, cancelled, deleted). */
  async claim(backend: string): Promise<boolean> {
    const now = await this.clock();
    const taken = await this.prisma.run.updateMany({
      where: { id: this.runId, status: 'queued', cancelRequested: false },
      data: {
        status: 'running',
        startedAt: now,
        backend,
        leaseOwner: this.token,
        leaseExpiresAt: new Date(now.getTime() + this.settings.leaseMs),
        attempt: { increment: 1 },
      },
    });
    return taken.count === 1;
  }

  /** Renews the lease and reads the cancel flag. */
  async renew(): Promise<LeaseState> {
    const renewed = await this.prisma.run.updateMany({
      where: this.fence,
      data: { leaseExpiresAt: new Date((await this.clock()).getTime() + this.settings.leaseMs) },
    });
    if (renewed.count !== 1) return 'lost';
    const row = await this.prisma.run.findUnique({
      where: { id: this.runId },
      select: { cancelRequested: true },
    });
    return row?.cancelRequested ? 'cancel' : 'held';
  }
}
