import { TERMINAL, type Run, type RunProgress, type RunStatus, type TuningReport } from '@studio/api';

/** The leaderboards to show: the run's stored ones once it has finished, else the live ones of the progress. */
export function tuningBoards(
  run: Pick<Run, 'tunings'>,
  progress: RunProgress | null,
  status: RunStatus,
): TuningReport[] {
  if (TERMINAL.has(status) && run.tunings && run.tunings.length > 0) return run.tunings;
  return progress?.tunings ?? run.tunings ?? [];
}

/** Better first: the highest rung, then the score (lower for log-loss), then the earlier trial. */
export function leaderboardRows(report: TuningReport): TuningReport['trials'] {
  const sign = report.metric === 'logloss' ? 1 : -1;
  return [...report.trials].sort(
    (a, b) => b.rung - a.rung || sign * (a.score - b.score) || a.trial - b.trial,
  );
}

/** The searched parameters, in the order the trials list them. */
export function paramColumns(report: TuningReport): string[] {
  const seen = new Set<string>();
  for (const t of report.trials) for (const k of Object.keys(t.params)) seen.add(k);
  return [...seen];
}

const METRIC = { auc: 'AUC', ks: 'KS', logloss: 'log-loss' } as const;

/** The metric's name as the leaderboard heads it. */
export function metricName(metric: TuningReport['metric']): string {
  return METRIC[metric];
}

/** A parameter value as the leaderboard shows it. */
export function formatParam(v: number | string | undefined): string {
  if (v === undefined) return '–';
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : v;
}
