import type { DeploymentStats } from '@studio/api';

/** One poll of a deployment's statistics, kept in the page so traffic and latency can be drawn over time. */
export interface StatsSample {
  at: number;
  requests: number;
  p50: number | null;
  p95: number | null;
}

/** Polls kept: ten minutes at one poll every five seconds. */
export const MAX_SAMPLES = 120;

/** Appends a poll, skipping one taken at the same moment (a refetch answered from cache). */
export function addSample(
  history: readonly StatsSample[],
  stats: DeploymentStats,
  at: number,
): StatsSample[] {
  const last = history[history.length - 1];
  if (last && last.at === at) return [...history];
  const sample = {
    at,
    requests: stats.requests,
    p50: stats.latencyMs?.p50 ?? null,
    p95: stats.latencyMs?.p95 ?? null,
  };
  return [...history, sample].slice(-MAX_SAMPLES);
}

/** Requests per minute between consecutive polls, at the later poll's time (seconds since the first poll). */
export function trafficSeries(history: readonly StatsSample[]): { x: number; y: number }[] {
  const t0 = history[0]?.at ?? 0;
  const out: { x: number; y: number }[] = [];
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1]!;
    const b = history[i]!;
    const minutes = (b.at - a.at) / 60_000;
    if (minutes > 0) out.push({ x: (b.at - t0) / 1000, y: Math.max(0, b.requests - a.requests) / minutes });
  }
  return out;
}

/** PSI reading by the usual rule of thumb: under 0.1 stable, under 0.25 some shift, above that a real shift. */
export function psiLevel(psi: number): 'stable' | 'shift' | 'major' {
  return psi < 0.1 ? 'stable' : psi < 0.25 ? 'shift' : 'major';
}
