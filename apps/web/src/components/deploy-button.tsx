import { useEffect, useState } from 'react';
import { deploymentRuntimeSchema, type Run } from '@studio/api';
import { useDeploy } from '../hooks/use-deploy';
import { errorMessage } from '../state/error-message';

const RUNTIME_LABELS: Record<string, string> = {
  native: 'Native engine',
  onnx: 'ONNX Runtime',
};

/** One click from a finished run to a live endpoint; the runtime picker lists every runtime the API accepts. */
export function DeployButton({ run }: { run: Run }) {
  const deploy = useDeploy(run);
  const [runtime, setRuntime] = useState<'native' | 'onnx'>('native');
  const { mutate, isPending } = deploy;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // A "d" typed into a field is text, not a command.
      if (t?.closest('input, select, textarea, [contenteditable="true"]')) return;
      if (e.key !== 'd' || e.ctrlKey || e.metaKey || e.altKey || isPending) return;
      e.preventDefault();
      mutate({ runtime });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mutate, isPending, runtime]);
  return (
    <span className="deploy-control">
      <select
        aria-label="Serving runtime"
        data-testid="deploy-runtime"
        value={runtime}
        onChange={(e) => setRuntime(deploymentRuntimeSchema.parse(e.target.value))}
      >
        {deploymentRuntimeSchema.options.map((r) => (
          <option key={r} value={r}>
            {RUNTIME_LABELS[r] ?? r}
          </option>
        ))}
      </select>
      <button
        className="primary"
        data-testid="deploy"
        title="Serve this run's model as a REST endpoint (D)"
        disabled={deploy.isPending}
        onClick={() => deploy.mutate({ runtime })}
      >
        {deploy.isPending ? 'Deploying…' : 'Deploy'}
      </button>
      {deploy.error && (
        <span className="error-text" role="alert" data-testid="deploy-error">
          {errorMessage(deploy.error)}
        </span>
      )}
    </span>
  );
}
