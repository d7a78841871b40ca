import type { OidcSettings } from './auth/oidc';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditPlugin } from './audit/audit-plugin';
import { bundlesPlugin } from './bundles/bundles-plugin';
import { modelFilesPlugin } from './model-files/model-files-plugin';
import type { ZipLimits } from './bundles/zip';
import { datasetProfilePlugin } from './datasets/dataset-profile-plugin';
import { datasetsPlugin } from './datasets/datasets-plugin';
import { parseDatabaseUrl } from './db/database-target';
import { deploymentsPlugin } from './deployments/deployments-plugin';
import type { AuthSettings } from './auth/auth-service';
import { authRoutes } from './auth/auth-plugin';
import type { Authenticate } from './fastify-types';
import { graphsPlugin } from './graphs/graphs-plugin';
import { actorPlugin } from './plugins/actor-plugin';
import { dbPlugin } from './plugins/db-plugin';
import { errorsPlugin, routeNotFound } from './plugins/errors-plugin';
import { hardeningPlugin } from './plugins/hardening-plugin';
import { openapiPlugin } from './plugins/openapi-plugin';
import { opsPlugin } from './plugins/ops-plugin';
import { systemRoutes } from './plugins/system-plugin';
import { webPlugin } from './plugins/web-plugin';
import { previewPlugin } from './preview/preview-plugin';
import { projectsPlugin } from './projects/projects-plugin';
import { jobsPlugin } from './jobs/jobs-plugin';
import { scoreJobsPlugin } from './jobs/score-jobs';
import { leaseSettingsFromEnv, type LeaseSettings } from './runs/run-lease';
import { runsPlugin } from './runs/runs-plugin';
import { servingPlugin } from './serving/serving-plugin';
import type { RawHandler } from './serving/fast-predict';
import { requestIdOf } from './request-id';
import { validationPlugin } from './validation/validation-plugin';
import { templatesPlugin } from './templates/templates-plugin';
import './fastify-types';

/** Everything `buildApp` needs; the database must already be migrated (see `migrate`). */
export interface AppOptions {
  /** `file:<path>` (SQLite) or `postgresql://…[?schema=name]`. */
  databaseUrl: string;
  /** Root of stored files (`blobs/`, `tmp/`). */
  dataDir: string;
  /** Pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Largest accepted upload in bytes; default 200 MB. */
  maxUploadBytes?: number;
  /** The built web app to serve at `/`; omitted or missing on disk: API only. */
  webDist?: string | null;
  /**
   * `sessions` (default): every `/api` route needs a sign-in (cookie session or personal access token) and the
   * role its policy names. `local`: every request is the local analyst with the admin role (unit tests).
   */
  auth?: 'sessions' | 'local';
  /** Caps on what an imported bundle may inflate to (total size, entries, ratio); default `DEFAULT_ZIP_LIMITS`. */
  bundleZipLimits?: Partial<ZipLimits>;
  /** Replaces how requests are authenticated (tests). */
  authenticate?: Authenticate;
  /** Session timeouts and sign-in backoff. */
  authSettings?: Partial<AuthSettings>;
  /** `Secure` session cookies: true, false or 'auto' (when the request came over TLS; the default). */
  secureCookies?: boolean | 'auto';
  /** Host names the server answers to (`'*'`: any); default localhost names. See `HardeningOptions`. */
  allowedHosts?: readonly string[] | '*';
  /** Requests per minute per deployment key on `/v1`. */
  predictPerMinute?: number;
  /** Sign-in attempts per client address per minute. */
  signInPerMinute?: number;
  /** Optional OIDC sign-in (`STUDIO_OIDC_*` in `start`); null or absent: passwords only. */
  oidc?: OidcSettings | null;
  /** Origins besides the server's own that may send cookie-authenticated mutations. */
  allowedOrigins?: readonly string[];
  /**
   * Job handlers this process runs (its embedded worker): default 1. 0 makes an API-only replica (it enqueues,
   * reads and streams; `studio worker` processes train). On SQLite a process with 0 leaves runs queued for one
   * that works.
   */
  workers?: number;
  /** Lease length, heartbeat and attempts of jobs; default from STUDIO_JOB_* (`leaseSettingsFromEnv`). */
  jobSettings?: Partial<LeaseSettings>;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Builds the Studio's Fastify app: infrastructure plugins, one plugin per domain, the web app. Call `ready()` or `listen()` next. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const target = parseDatabaseUrl(options.databaseUrl);
  // The serving plugin's own `/v1` predict path sees each request first (`serving/fast-predict.ts`); what it
  // does not take goes to Fastify. `inject` (tests) always goes through Fastify's routes.
  let first: RawHandler | null = null;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (req) => requestIdOf(req.headers),
    // Fastify's own HTTP/1 server, with its default timeouts, plus the raw path in front.
    serverFactory: (handler) => {
      const server = createServer((req, res) => {
        if (first?.(req, res)) return;
        handler(req, res);
      });
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      server.setTimeout(0);
      return server;
    },
    // Graph documents of a few thousand nodes run past Fastify's 1 MB default.
    bodyLimit: 16 * 1024 * 1024,
  });
  // Echo the id every log line and error body carries, so a report from the browser finds its logs.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(hardeningPlugin, {
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.predictPerMinute ? { predictPerMinute: options.predictPerMinute } : {}),
  });
  await app.register(openapiPlugin);
  await app.register(dbPlugin, { target, dataDir: options.dataDir });
  await app.register(opsPlugin);
  // Single-user mode is explicit: the Studio runs without sign-in. Only then may approval be waived.
  app.decorate('singleUser', (options.auth ?? 'sessions') === 'local');
  await app.register(actorPlugin, {
    mode: options.auth ?? 'sessions',
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.authSettings ? { authSettings: options.authSettings } : {}),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
  await app.register(auditPlugin);
  await app.register(authRoutes, {
    secureCookies: options.secureCookies ?? 'auto',
    ...(options.signInPerMinute ? { signInPerMinute: options.signInPerMinute } : {}),
    oidc: options.oidc ?? null,
  });
  await app.register(projectsPlugin);
  await app.register(graphsPlugin);
  await app.register(datasetsPlugin, { maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES });
  await app.register(datasetProfilePlugin);
  await app.register(runsPlugin, {
    workers: options.workers ?? 1,
    settings: { ...leaseSettingsFromEnv(), ...options.jobSettings },
  });
  await app.register(jobsPlugin, { workers: options.workers ?? 1 });
  await app.register(validationPlugin);
  await app.register(servingPlugin, { onRawHandler: (h: RawHandler) => (first = h) });
  await app.register(deploymentsPlugin);
  await app.register(scoreJobsPlugin, { maxCsvBytes: 64 * 1024 * 1024 });
  await app.register(bundlesPlugin, {
    maxBundleBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    ...(options.bundleZipLimits ? { zipLimits: options.bundleZipLimits } : {}),
  });
  await app.register(modelFilesPlugin);
  await app.register(templatesPlugin);
  await app.register(previewPlugin);
  await app.register(
    async (api) => {
      await api.register(systemRoutes);
      api.setNotFoundHandler(routeNotFound);
    },
    { prefix: '/api' },
  );
  await app.register(webPlugin, { webDist: options.webDist ?? null });
  return app;
}
