import type { Deployment } from '@studio/api';
import { errorMessage } from '../../../lib/error-message';
import { useUpdateDeployment } from '../api';

/**
 * Strict input checking of one version, on or off. Off (the default), the endpoint takes a training-CSV row as
 * its file writes it; on, only JSON types and known categories pass, and fields outside the schema are refused.
 */
export function StrictInputToggle({ deployment }: { deployment: Deployment }) {
  const update = useUpdateDeployment(deployment);
  const strict = update.isPending ? !!update.variables?.strict : deployment.strict;
  const used = deployment.inputSchema.filter((f) => f.used !== false).length;
  return (
    <div className="strict-input" data-testid="strict-input">
      <label>
        <input
          type="checkbox"
          checked={strict}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ strict: e.currentTarget.checked })}
          data-testid="strict-input-toggle"
        />{' '}
        Strict input checking (v{deployment.version})
      </label>
      <p className="small muted">
        {strict
          ? 'Numbers must be JSON numbers, booleans true/false, categories ones seen in training; fields outside the schema are refused (400).'
          : `Rows are accepted as the training CSV writes them: numbers as text, the file's own boolean words, unseen categories scored as missing with a warning. ${used} of ${deployment.inputSchema.length} columns are required; the others are ignored.`}
      </p>
      {update.error && <p className="error-text">{errorMessage(update.error)}</p>}
    </div>
  );
}
