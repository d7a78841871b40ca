import type { FastifyRequest } from 'fastify';
import type { Actor } from '@studio/api';
import type { AuditLog } from './audit/audit-log';
import type { AuthService, Principal } from './auth/auth-service';
import type { DatasetService } from './datasets/dataset-service';
import type { DatabaseTarget } from './db/database-target';
import type { StudioPrisma } from './db/prisma-client';
import type { GraphService } from './graphs/graph-service';
import type { ProjectService } from './projects/project-service';

/**
 * Resolves who is making a request: a principal, 'expired' (a session or token that was valid and is not
 * any more: the UI asks to sign in again), or null (anonymous).
 */
export type Authenticate = (request: FastifyRequest) => Promise<Principal | 'expired' | null>;

declare module 'fastify' {
  interface FastifyInstance {
    prisma: StudioPrisma;
    database: DatabaseTarget;
    dataDir: string;
    authenticate: Authenticate;
    /** Single-user mode (`auth: 'local'`, no sign-in): shown as a banner; approval may be waived. */
    singleUser: boolean;
    auth: AuthService;
    audit: AuditLog;
    projects: ProjectService;
    graphs: GraphService;
    datasets: DatasetService;
  }
  interface FastifyRequest {
    /** Who acts (set before any handler of a non-public `/api` route runs; null on public routes when anonymous). */
    actor: Actor;
    /** How the actor proved it (session or token); null when anonymous. */
    principal: Principal | null;
  }
}
