import { access, constants } from 'node:fs/promises';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry } from 'prom-client';
import { CheapCounter, CheapHistogram, type CounterSeries, type HistogramSeries } from './cheap-metrics';
import { routes } from '@studio/api';
import { withDeadline as within } from '../db/deadline';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: StudioMetrics;
  }
}

/** The app's Prometheus registry (one per app, so several apps in one process never share counters). */
export interface StudioMetrics {
  registry: Registry;
  /** Answers of `/v1`, per deployment slug and status, with the latency clients saw. */
  prediction(slug: string, status: number, ms: number): void;
  /** One prediction-log batch: its rows and how long its commit took (or failed after). */
  logBatch(rows: number, commitSeconds: number, ok: boolean): void;
  /** One answered HTTP request (route pattern, method, status, seconds from routing to the last byte written). */
  http(method: string, route: string, status: number, seconds: number): void;
}

/** Distinct `slug` label values given to slugs that never answered 200 in this process (see `slugLabel`). */
export const MAX_SLUG_LABELS = 200;
const OTHER_SLUG = '(other)';

/** How long a readiness probe waits for the database. */
const READY_TIMEOUT_MS = 2000;

/**
 * Operations: `GET /api/ready` (the database and job queue answer, the data directory — the blob store — is writable:
 * 200, else 503 with what failed) and `GET /metrics` (Prometheus text: HTTP requests per route, `/v1`
 * predictions per deployment, prediction-log batch sizes and commit latency). `/api/health` (liveness) is
 * in the system routes.
 */
export const opsPlugin = fp(
  async (app) => {
    const registry = new Registry();
    const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    // The four per-request metrics are updated through series kept per label set (`cheap-metrics.ts`): the
    // same exposition text as prom-client's own, without hashing a label object on every request.
    const httpRequests = new CheapCounter(
      'studio_http_requests_total',
      'HTTP requests answered, per route pattern, method and status',
      ['method', 'route', 'status'],
      registry,
    );
    const httpDuration = new CheapHistogram(
      'studio_http_request_duration_seconds',
      'From the parsed request (onRequest) to the answer handed to the socket, per route pattern',
      ['method', 'route'],
      buckets,
      registry,
    );
    const predictions = new CheapCounter(
      'studio_predictions_total',
      '/v1 answers per deployment slug and status',
      ['slug', 'status'],
      registry,
    );
    const predictionDuration = new CheapHistogram(
      'studio_prediction_duration_seconds',
      '/v1 latency clients saw, per deployment slug (includes waiting for the prediction log commit)',
      ['slug'],
      buckets,
      registry,
    );
    const batchRows = new Histogram({
      name: 'studio_prediction_log_batch_rows',
      help: 'Rows per prediction-log commit (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    });
    const commitSeconds = new Histogram({
      name: 'studio_prediction_log_commit_seconds',
      help: 'Time to commit one prediction-log batch',
      buckets,
      registers: [registry],
    });
    const failedBatches = new Counter({
      name: 'studio_prediction_log_failed_batches_total',
      help: 'Prediction-log batches that could not be written (their requests answered 503)',
      registers: [registry],
    });
    // Series by method, route and status; routes are patterns (a bounded set), statuses a handful.
    const httpSeries = new Map<string, { count: CounterSeries; duration: HistogramSeries }>();
    const http = (method: string, route: string, status: number, seconds: number): void => {
      const key = `${status} ${method} ${route}`;
      let s = httpSeries.get(key);
      if (!s) {
        s = {
          count: httpRequests.of(method, route, String(status)),
          duration: httpDuration.of(method, route),
        };
        httpSeries.set(key, s);
      }
      s.count.value++;
      s.duration.observe(seconds);
    };
    // The slug comes from the URL: anyone can send `/v1/deployments/<anything>/predict` (answered 401 or 404)
    // and each new label value is a series kept for the life of the process. A slug that answered 200 (a real
    // deployment, a valid key) always has its own label; others get one while fewer than MAX_SLUG_LABELS are
    // labelled, then count under `(other)`.
    const labelled = new Set<string>();
    const slugLabel = (slug: string, status: number): string => {
      if (labelled.has(slug)) return slug;
      if (status !== 200 && labelled.size >= MAX_SLUG_LABELS) return OTHER_SLUG;
      labelled.add(slug);
      return slug;
    };
    app.decorate('metrics', {
      registry,
      http,
      prediction: (rawSlug, status, ms) => {
        const slug = slugLabel(rawSlug, status);
        predictions.of(slug, String(status)).value++;
        if (status === 200) predictionDuration.of(slug).observe(ms / 1000);
      },
      logBatch: (rows, seconds, ok) => {
        batchRows.observe(rows);
        if (ok) commitSeconds.observe(seconds);
        else failedBatches.inc();
      },
    } satisfies StudioMetrics);

    app.addHook('onResponse', (request, reply, done) => {
      http(
        request.method,
        request.routeOptions.url ?? '(unmatched)',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });

    app.get(routes.metrics.path, { schema: { hide: true } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });

    app.get(
      routes.ready.path,
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: the database and the job queue answer and the blob store is writable',
        },
      },
      async (_request, reply) => {
        const checks = await Promise.allSettled([
          within(app.prisma.$queryRawUnsafe('SELECT 1'), READY_TIMEOUT_MS, 'the database'),
          within(access(app.dataDir, constants.W_OK), READY_TIMEOUT_MS, 'the blob store'),
          within(app.runs.queue.ping(), READY_TIMEOUT_MS, `the job queue (${app.runs.queue.name})`),
        ]);
        const [database, blobs, queue] = checks.map((c) =>
          c.status === 'fulfilled' ? 'ok' : String((c.reason as Error)?.message ?? c.reason),
        );
        const ready = database === 'ok' && blobs === 'ok' && queue === 'ok';
        if (!ready) reply.code(503).header('retry-after', '5');
        return { status: ready ? 'ready' : 'unavailable', database, blobStore: blobs, queue };
      },
    );
  },
  { name: 'ops', dependencies: ['db'] },
);
