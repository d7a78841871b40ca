import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseTarget } from './database-target';

/** The Prisma driver adapter factory for a target (better-sqlite3 or node-postgres). */
export function createAdapterFactory(target: DatabaseTarget): PrismaBetterSqlite3 | PrismaPg {
  if (target.provider === 'sqlite') return new PrismaBetterSqlite3({ url: `file:${target.filePath}` });
  return new PrismaPg({ connectionString: target.connectionString }, { schema: target.schema });
}
