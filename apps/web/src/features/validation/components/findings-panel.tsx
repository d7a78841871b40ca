import { useState } from 'react';
import { findingSeveritySchema, findingStatusSchema, type RunFinding } from '@studio/api';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';
import { useAddFinding, useFindings, useUpdateFinding } from '../api';

/** A validator's findings on the run; an open high-severity finding blocks deploying it. */
export function FindingsPanel({ runId }: { runId: string }) {
  const findings = useFindings(runId);
  const add = useAddFinding(runId);
  const update = useUpdateFinding(runId);
  const [severity, setSeverity] = useState<RunFinding['severity']>('medium');
  const [text, setText] = useState('');
  const blocking = (findings.data ?? []).filter((x) => x.status === 'open' && x.severity === 'high');
  return (
    <div className="findings" data-testid="findings">
      {blocking.length > 0 && (
        <p className="notice warn small" data-testid="findings-blocking">
          {blocking.length} open high-severity finding{blocking.length > 1 ? 's' : ''} block deployment.
        </p>
      )}
      {findings.error && <p className="error-text">{errorMessage(findings.error)}</p>}
      <ul>
        {(findings.data ?? []).map((x) => (
          <li key={x.id} data-testid="finding" data-severity={x.severity} data-status={x.status}>
            <b>{x.severity}</b> {x.text}{' '}
            <span className="small muted">
              — {x.author.name}, {formatTime(x.at)}
            </span>{' '}
            <select
              aria-label="Finding status"
              data-testid="finding-status"
              value={x.status}
              onChange={(e) =>
                update.mutate({ id: x.id, body: { status: findingStatusSchema.parse(e.target.value) } })
              }
            >
              {findingStatusSchema.options.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <form
        className="finding-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add.mutate({ severity, text }, { onSuccess: () => setText('') });
        }}
      >
        <select
          aria-label="Severity"
          data-testid="finding-severity"
          value={severity}
          onChange={(e) => setSeverity(findingSeveritySchema.parse(e.target.value))}
        >
          {findingSeveritySchema.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          aria-label="Finding"
          data-testid="finding-text"
          placeholder="What the validator found"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="finding-add" disabled={add.isPending || !text.trim()}>
          Add finding
        </button>
      </form>
      {(add.error ?? update.error) && <p className="error-text">{errorMessage(add.error ?? update.error)}</p>}
    </div>
  );
}
