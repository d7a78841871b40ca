import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram } from 'prom-client';
import type { LeaseSettings } from '../runs/run-lease';
import type { DbClock } from './db-clock';
import type { JobQueue } from './job-queue';

/**
 * Job metrics on the app's registry: queue depth and live workers (read from the queue and the worker
 * table when scraped, so every replica reports the whole cluster) and this process' job durations. Workers
 * write their heartbeat on the database's clock and are judged live against it, so a replica whose own clock
 * is off still counts them right.
 */
export function registerJobMetrics(
  app: FastifyInstance,
  queue: JobQueue,
  settings: LeaseSettings,
  clock: DbClock,
): { jobDone: (kind: string, outcome: string, seconds: number) => void } {
  const registers = [app.metrics.registry];
  new Gauge({
    name: 'studio_job_queue_depth',
    help: 'Jobs waiting for a worker',
    registers,
    async collect() {
      this.set(await queue.depth().catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: 'studio_job_workers_live',
    help: 'Worker processes whose heartbeat was seen within one lease',
    registers,
    async collect() {
      const live = async () => {
        const since = new Date((await clock()).getTime() - settings.leaseMs);
        return app.prisma.jobWorker.count({ where: { seenAt: { gte: since } } });
      };
      this.set(await live().catch(() => Number.NaN));
    },
  });
  const durations = new Histogram({
    name: 'studio_job_duration_seconds',
    help: 'Jobs worked on by this process, per kind and outcome (succeeded, failed, cancelled, released, lost)',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers,
  });
  return { jobDone: (kind, outcome, seconds) => durations.observe({ kind, outcome }, seconds) };
}
