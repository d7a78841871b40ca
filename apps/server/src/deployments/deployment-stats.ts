import type { ClientLatency } from '../serving/client-latency';
import type { DeploymentStats, InputField } from '@studio/api';
import { readCsv, type Table } from '@studio/data';
import { psi } from '@studio/scoring';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';

/** Stats read at most this many recent logged predictions. */
const STATS_WINDOW = 10_000;

/** The nearest-rank percentile `q` (0..1) of ascending `sorted`. */
export function percentile(sorted: readonly number[], q: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[k]!;
}

/** PSI needs at least this many live values of a field by default: on a handful of requests it reads as drift. */
export const PSI_MIN_SAMPLE = 500;

/** The PSI minimum sample from `STUDIO_PSI_MIN_SAMPLE` (a positive integer), else `PSI_MIN_SAMPLE`. */
export function psiMinSampleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STUDIO_PSI_MIN_SAMPLE;
  if (raw === undefined || raw === '') return PSI_MIN_SAMPLE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new TypeError(`STUDIO_PSI_MIN_SAMPLE must be a positive whole number, not "${raw}"`);
  return n;
}

/**
 * PSI of each numeric field: live logged values against the training column, with the number of live values
 * it rests on. Fields with fewer than `minSample` live values are left out (too few to tell drift from noise).
 */
export function inputPsi(
  fields: readonly InputField[],
  training: Table,
  live: readonly Record<string, unknown>[],
  minSample = PSI_MIN_SAMPLE,
): { field: string; psi: number; sample: number }[] {
  const out: { field: string; psi: number; sample: number }[] = [];
  for (const f of fields) {
    if (f.type !== 'numeric') continue;
    const col = training.columns.find((c) => c.name === f.name);
    if (!col || col.type === 'categorical') continue;
    const actual = live.map((r) => (typeof r[f.name] === 'number' ? (r[f.name] as number) : NaN));
    const sample = actual.reduce((n, v) => (v === v ? n + 1 : n), 0);
    if (sample === 0 || sample < minSample) continue;
    out.push({ field: f.name, psi: psi(col.values, actual).psi, sample });
  }
  return out;
}

/** Live statistics of a slug: traffic per version, latency percentiles and input PSI over its recent log. */
export class DeploymentStatsReader {
  private baseline: { sha256: string; table: Promise<Table> } | null = null;

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly blobs: BlobStore,
    /** The latency clients saw (socket to socket, this process); the log's scoring times when it has none. */
    private readonly clientLatency: ClientLatency | null = null,
    private readonly psiMinSample = PSI_MIN_SAMPLE,
  ) {}

  /** Statistics of `slug`, with PSI against the dataset `row`'s run trained on. */
  async read(row: { slug: string; runId: string | null; inputSchema: unknown }): Promise<DeploymentStats> {
    const [requests, byVersion, recent] = await Promise.all([
      this.prisma.predictionLog.count({ where: { slug: row.slug } }),
      this.prisma.predictionLog.groupBy({
        by: ['version'],
        where: { slug: row.slug },
        _count: { _all: true },
        orderBy: { version: 'asc' },
      }),
      this.prisma.predictionLog.findMany({
        where: { slug: row.slug },
        orderBy: { at: 'desc' },
        take: STATS_WINDOW,
        select: { at: true, latencyMs: true, inputs: true },
      }),
    ]);
    const latencies = recent.map((r) => r.latencyMs).sort((a, b) => a - b);
    const training = await this.trainingTable(row.runId);
    return {
      slug: row.slug,
      requests,
      byVersion: byVersion.map((v) => ({ version: v.version, requests: v._count._all })),
      latencyMs:
        this.clientLatency?.percentiles(row.slug) ??
        (latencies.length === 0
          ? null
          : {
              p50: percentile(latencies, 0.5),
              p95: percentile(latencies, 0.95),
              p99: percentile(latencies, 0.99),
            }),
      psi: training
        ? inputPsi(
            (row.inputSchema ?? []) as InputField[],
            training,
            recent.map((r) => r.inputs as Record<string, unknown>),
            this.psiMinSample,
          )
        : [],
      psiMinSample: this.psiMinSample,
      psiSample: recent.length,
      windowStart: recent.at(-1)?.at.toISOString() ?? null,
    };
  }

  private async trainingTable(runId: string | null): Promise<Table | null> {
    if (!runId) return null;
    const run = await this.prisma.run.findUnique({ where: { id: runId }, include: { dataset: true } });
    const sha256 = run?.dataset?.sha256;
    if (!sha256) return null;
    if (this.baseline?.sha256 !== sha256)
      this.baseline = { sha256, table: readCsv(this.blobs.pathOf(sha256)) };
    return this.baseline.table;
  }
}
