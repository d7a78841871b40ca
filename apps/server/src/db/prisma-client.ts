import { PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgresql/client.js';
import { createAdapterFactory } from './adapter-factory';
import type { DatabaseTarget } from './database-target';

/**
 * The client type the services code against. Both generated clients come from one schema, so their model
 * APIs are the same; the SQLite one names the type.
 */
export type StudioPrisma = SqlitePrismaClient;

/** A connected Prisma client for the target, built on the matching driver adapter. */
export function createPrismaClient(target: DatabaseTarget): StudioPrisma {
  const adapter = createAdapterFactory(target);
  if (target.provider === 'sqlite') return new SqlitePrismaClient({ adapter });
  return new PostgresPrismaClient({ adapter }) as unknown as StudioPrisma;
}
