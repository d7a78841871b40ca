import { useState, type FormEvent } from 'react';
import type { ApiKey, CreatedApiKey } from '@studio/api';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useCan } from '../../auth/api';
import { CopyButton } from '../../../components/copy-button';

/**
 * The slug's API keys: create one (its secret is shown here once, then only its prefix), list, revoke.
 * A new key is handed to the page so "Try it" and batch scoring can use it without a paste.
 */
export function ApiKeysPanel({
  deploymentId,
  onCreated,
}: {
  deploymentId: string;
  onCreated: (key: string) => void;
}) {
  const canKeys = useCan('requestDeployment');
  const keys = useApiKeys(deploymentId);
  const create = useCreateApiKey(deploymentId);
  const revoke = useRevokeApiKey(deploymentId);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (k) => {
        setCreated(k);
        setName('');
        onCreated(k.key);
      },
    });
  };

  return (
    <section className="card" data-testid="api-keys">
      <h2>API keys</h2>
      <form className="inline-form" onSubmit={onCreate}>
        <input
          aria-label="Key name"
          data-testid="api-key-name"
          placeholder="Name, e.g. loan origination system"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="submit"
          className="primary"
          data-testid="create-api-key"
          disabled={!canKeys.allowed || create.isPending}
          title={canKeys.reason}
        >
          Create key
        </button>
      </form>
      {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
      {created && (
        <div className="notice warn key-reveal" role="status" data-testid="new-api-key">
          <strong>Copy this key now: you won't see it again.</strong> Only its prefix is stored for display.
          <div className="key-line">
            <code data-testid="new-api-key-value">{created.key}</code>
            <CopyButton text={created.key} testId="copy-api-key" />
            <button className="ghost" data-testid="dismiss-api-key" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {keys.error && <p className="error-text">{errorMessage(keys.error)}</p>}
      {keys.data?.length === 0 && <p className="muted small">No keys yet. Every request needs one.</p>}
      {keys.data && keys.data.length > 0 && (
        <table className="data-table compact" data-testid="api-key-list">
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? 'muted' : ''}>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{k.name || <span className="muted">unnamed</span>}</td>
                <td className="small">
                  {k.revokedAt ? `revoked ${formatTime(k.revokedAt)}` : `created ${formatTime(k.createdAt)}`}
                </td>
                <td className="row-actions">
                  {!k.revokedAt && (
                    <button
                      className="danger"
                      data-testid="revoke-api-key"
                      disabled={!canKeys.allowed}
                      title={canKeys.reason}
                      onClick={() => setRevoking(k)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error && <p className="error-text">{errorMessage(revoke.error)}</p>}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the key ${revoking.prefix}…?`}
          confirmLabel="Revoke"
          danger
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
          onCancel={() => setRevoking(null)}
        >
          <p>Requests carrying this key are refused (403) from now on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
