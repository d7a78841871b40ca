import { useEffect, useMemo, useState } from 'react';
import { deploymentRuntimeSchema, type DeployBody, type Run } from '@studio/api';
import { useDeploy } from '../api';
import { int8DeployRefusal } from '../../evaluation/quantization-summary';
import { errorMessage } from '../../../lib/error-message';
import { useCan } from '../../auth/api';
import '../deployments.css';

const RUNTIME_LABELS: Record<string, string> = {
  native: 'Native engine',
  onnx: 'ONNX Runtime',
};

/**
 * One click from a finished run to a live endpoint; the runtime picker lists every runtime the API accepts, a run
 * with several models (champion vs challengers) picks which one, and a run with a Quantize node offers fp32 or
 * INT8 (INT8 disabled, with the reason, when its AUC guard failed).
 */
export function DeployButton({ run }: { run: Run }) {
  const deploy = useDeploy(run);
  const canDeploy = useCan('requestDeployment');
  const models = modelsOf(run);
  const [modelNodeId, setModelNodeId] = useState(models[0]?.modelNodeId);
  const [runtime, setRuntime] = useState<'native' | 'onnx'>('native');
  const [precision, setPrecision] = useState<'fp32' | 'int8'>('fp32');
  const quantization = run.quantization;
  const int8Refused = quantization ? int8DeployRefusal(quantization) : null;
  const { mutate, isPending } = deploy;
  const body = useMemo<DeployBody>(
    () =>
      precision === 'int8' && quantization
        ? { runtime, precision, modelNodeId: quantization.modelNodeId }
        : models.length > 1 && modelNodeId
          ? { runtime, modelNodeId }
          : { runtime },
    [runtime, precision, quantization, models.length, modelNodeId],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // A "d" typed into a field is text, not a command.
      if (t?.closest('input, select, textarea, [contenteditable="true"]')) return;
      if (e.key !== 'd' || e.ctrlKey || e.metaKey || e.altKey || isPending) return;
      e.preventDefault();
      mutate(body);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mutate, isPending, body]);
  return (
    <span className="deploy-control">
      {models.length > 1 && (
        <select
          aria-label="Model to deploy"
          data-testid="deploy-model"
          value={modelNodeId}
          onChange={(e) => setModelNodeId(e.target.value)}
        >
          {models.map((m) => (
            <option key={m.modelNodeId} value={m.modelNodeId}>
              {m.label} ({m.modelKind})
            </option>
          ))}
        </select>
      )}
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
      {quantization && (
        <select
          aria-label="Precision"
          data-testid="deploy-precision"
          value={precision}
          title={int8Refused ?? 'INT8 serves the smaller model the Quantize node checked'}
          onChange={(e) => setPrecision(e.target.value === 'int8' ? 'int8' : 'fp32')}
        >
          <option value="fp32">fp32</option>
          <option value="int8" disabled={int8Refused !== null}>
            INT8{int8Refused ? ' (AUC guard failed)' : ''}
          </option>
        </select>
      )}
      <button
        className="primary"
        data-testid="deploy"
        title={
          canDeploy.reason ??
          (run.untrusted
            ? `Cannot deploy: ${run.untrusted}. Retrain the graph and deploy the new run.`
            : "Serve this run's model as a REST endpoint (D)")
        }
        disabled={!canDeploy.allowed || Boolean(run.untrusted) || deploy.isPending}
        onClick={() => deploy.mutate(body)}
      >
        {deploy.isPending ? 'Deploying…' : 'Deploy'}
      </button>
      {int8Refused && (
        <span className="small muted" data-testid="deploy-int8-refused">
          {int8Refused}
        </span>
      )}
      {deploy.error && (
        <span className="error-text" role="alert" data-testid="deploy-error">
          {errorMessage(deploy.error)}
        </span>
      )}
    </span>
  );
}

/** The run's evaluated models, one entry per model node, in evaluation order. */
function modelsOf(run: Run): { modelNodeId: string; label: string; modelKind: string }[] {
  const seen = new Set<string>();
  return (run.evaluations ?? []).filter((e) => !seen.has(e.modelNodeId) && seen.add(e.modelNodeId));
}
