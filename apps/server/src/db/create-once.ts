import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A row that several processes starting at once may all find missing and try to create (the local analyst, the
 * instance's signing key). Prisma's `upsert` reads, then inserts: the process whose insert loses gets a unique
 * violation (P2002) or, on SQLite, a busy or stale-snapshot error while the winner holds the write lock. Either
 * way the row is then made, or about to be: look again, a few times with a short backoff, and take it.
 */
export async function createOnce<T>(
  find: () => Promise<T | null>,
  create: () => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const found = await find();
    if (found) return found;
    try {
      return await create();
    } catch (e) {
      if (attempt >= attempts) throw e;
      await sleep(40 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

/** Errors of a start that lost a race to another process: a unique insert, a write lock it could not get in time. */
export function isLostRace(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'P2002' || code === 'P2034' || code === 'P1008') return true;
  return /SQLITE_BUSY|database is locked/i.test(String((e as Error | null)?.message ?? ''));
}
