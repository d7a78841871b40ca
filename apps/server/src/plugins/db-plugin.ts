import fp from 'fastify-plugin';
import type { DatabaseTarget } from '../db/database-target';
import { createPrismaClient } from '../db/prisma-client';

/** Decorates `prisma` (one client per app) and `database`; disconnects when the app closes. */
export const dbPlugin = fp<{ target: DatabaseTarget; dataDir: string }>(
  async (app, { target, dataDir }) => {
    const prisma = createPrismaClient(target);
    app.decorate('prisma', prisma);
    app.decorate('database', { getter: () => target });
    app.decorate('dataDir', { getter: () => dataDir });
    app.addHook('onClose', async () => prisma.$disconnect());
  },
  { name: 'db' },
);
