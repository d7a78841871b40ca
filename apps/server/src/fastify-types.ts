import type { FastifyRequest } from 'fastify';
import type { Actor } from '@studio/api';
import type { AuditLog } from './audit/audit-log';
import type { DatasetService } from './datasets/dataset-service';
import type { DatabaseTarget } from './db/database-target';
import type { StudioPrisma } from './db/prisma-client';
import type { GraphService } from './graphs/graph-service';
import type { ProjectService } from './projects/project-service';

/** Resolves who is making a request; the embedded default answers the local analyst, sign-in replaces it. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor>;

declare module 'fastify' {
  interface FastifyInstance {
    prisma: StudioPrisma;
    database: DatabaseTarget;
    dataDir: string;
    authenticate: Authenticate;
    audit: AuditLog;
    projects: ProjectService;
    graphs: GraphService;
    datasets: DatasetService;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}
