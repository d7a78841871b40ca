import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { TERMINAL, type Run, type RunLog, type StartRunBody } from '@studio/api';
import { apiFetch } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';
import { navigate } from '../../app/route';

/** Server state: a project's runs, newest first; polled every 2 s while one of them is still going. */
export function useRuns(projectId: string) {
  return useQuery({
    queryKey: queryKeys.runs(projectId),
    queryFn: () => apiFetch<Run[]>('GET', paths.projectRuns(projectId)),
    refetchInterval: (q) => (q.state.data?.some((r) => !TERMINAL.has(r.status)) ? 2000 : false),
  });
}

/** Server state: one run with its progress, history and (once finished) evaluation, WOE and scorecard. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => apiFetch<Run>('GET', paths.run(runId)),
    // Live updates come over SSE; refetching on focus would only rewind the chart to an older snapshot.
    refetchOnWindowFocus: false,
  });
}

/** Server state: several runs at once (for the comparison page), in the order asked. */
export function useRunsById(runIds: readonly string[]) {
  return useQueries({
    queries: runIds.map((id) => ({
      queryKey: queryKeys.run(id),
      queryFn: () => apiFetch<Run>('GET', paths.run(id)),
    })),
  });
}

/** Server state: the log lines a run wrote so far (later lines arrive over SSE). */
export function useRunLogs(runId: string) {
  return useQuery({
    queryKey: queryKeys.runLogs(runId),
    queryFn: () => apiFetch<RunLog[]>('GET', paths.runLogs(runId)),
    refetchOnWindowFocus: false,
  });
}

/** Starts a training run of one saved version of a project's graph. */
export function useStartRun(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) =>
      apiFetch<Run>('POST', paths.projectRuns(projectId), { versionId } satisfies StartRunBody),
    onSuccess: (run) => {
      qc.setQueryData(queryKeys.run(run.id), run);
      void qc.invalidateQueries({ queryKey: queryKeys.runs(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
    },
  });
}

/** Asks the server to stop a queued or running run; the final "cancelled" status arrives over SSE. */
export function useCancelRun(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Run>('POST', paths.runCancel(run.id)),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.runs(run.projectId) });
    },
  });
}

/** Starts an interrupted (or failed) run again, with the same version and seed, and opens the new run. */
export function useRetryRun(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Run>('POST', paths.runRetry(run.id)),
    onSuccess: (next) => {
      qc.setQueryData(queryKeys.run(next.id), next);
      void qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.runs(run.projectId) });
      navigate({ screen: 'run', projectId: next.projectId, runId: next.id });
    },
  });
}
