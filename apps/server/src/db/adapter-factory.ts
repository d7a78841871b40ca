import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseTarget } from './database-target';

/** The Prisma driver adapter factory for a target (better-sqlite3 or node-postgres). */
export function createAdapterFactory(target: DatabaseTarget): PrismaBetterSqlite3 | PrismaPg {
  if (target.provider === 'sqlite') return new PrismaBetterSqlite3({ url: `file:${target.filePath}` });
  // A connection (or a free one from a full pool) that does not come within this fails the query rather than
  // holding it forever: a hung server or a dropped network ends in an error the API answers 503.
  return new PrismaPg(
    { connectionString: target.connectionString, connectionTimeoutMillis: 10_000 },
    { schema: target.schema },
  );
}
