import type { Run } from '@studio/api';
import { useRetryRun } from '../api';
import { errorMessage } from '../../../lib/error-message';

/** Starts an interrupted or failed run again (same version and seed) and opens the new run. */
export function RetryButton({ run }: { run: Pick<Run, 'id' | 'projectId'> }) {
  const retry = useRetryRun(run);
  return (
    <>
      <button
        className="primary"
        data-testid="retry-run"
        disabled={retry.isPending}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.error && (
        <span className="error-text small" role="alert">
          {errorMessage(retry.error)}
        </span>
      )}
    </>
  );
}
