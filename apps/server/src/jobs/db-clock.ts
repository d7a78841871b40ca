import type { StudioPrisma } from '../db/prisma-client';
import type { Provider } from '../db/database-target';

/**
 * The database's clock, which every lease is written and judged against: workers on machines whose clocks
 * disagree still agree on when a lease expires (a worker's own `Date.now()` never decides it).
 */
export type DbClock = () => Promise<Date>;

/** Reads the time from the database (one round trip). */
export function dbClock(prisma: StudioPrisma, provider: Provider): DbClock {
  if (provider === 'postgresql')
    return async () => {
      const [row] = await prisma.$queryRawUnsafe<{ now: Date }[]>('SELECT now() AS now');
      return new Date(row!.now);
    };
  return async () => {
    // SQLite's own clock (the file is local to its machine): milliseconds since the epoch.
    const [row] = await prisma.$queryRawUnsafe<{ ms: number | bigint }[]>(
      "SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER) AS ms",
    );
    return new Date(Number(row!.ms));
  };
}
