import { useEffect, useMemo, useState } from 'react';
import { resultsCsv } from '../batch-results';
import { useBatchScore } from '../hooks/use-batch-score';
import { errorMessage } from '../../../lib/error-message';

/** Scores a whole CSV through the live endpoint with a progress bar, then offers the results as a CSV download. */
export function BatchScorePanel({
  deploymentId,
  url,
  slug,
  apiKey,
}: {
  deploymentId: string;
  url: string;
  slug: string;
  apiKey: string;
}) {
  const batch = useBatchScore(deploymentId, url);
  const [file, setFile] = useState<File | null>(null);
  const s = batch.state;
  const finished = s?.finished === true;
  const href = useMemo(
    () => (finished && s ? URL.createObjectURL(new Blob([resultsCsv(s.rows)], { type: 'text/csv' })) : null),
    [finished, s],
  );
  useEffect(() => () => (href ? URL.revokeObjectURL(href) : undefined), [href]);
  const pct = s && s.total > 0 ? Math.min(100, Math.round((s.done / s.total) * 100)) : 0;
  return (
    <section className="card" data-testid="batch-score">
      <h2>Score a CSV</h2>
      <div className="inline-form">
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV to score"
          data-testid="batch-file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button
          className="primary"
          data-testid="batch-start"
          disabled={!file || !apiKey.trim() || batch.running}
          onClick={() => file && void batch.start(file, apiKey.trim())}
        >
          {batch.running ? 'Scoring…' : 'Score file'}
        </button>
      </div>
      {!apiKey.trim() && (
        <p className="small muted">Needs an API key (create one above, or paste it in Try it).</p>
      )}
      {s && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            data-testid="batch-progress"
          >
            <div style={{ width: `${pct}%` }} />
          </div>
          <p className="small" data-testid="batch-summary">
            {s.done} of {s.total} rows{s.failed > 0 ? `, ${s.failed} refused (see the error column)` : ''}
            {finished ? '. Done.' : '…'}
          </p>
        </>
      )}
      {batch.error !== null && (
        <p className="error-text" role="alert" data-testid="batch-error">
          {errorMessage(batch.error)}
        </p>
      )}
      {href && (
        <a
          className="button-link primary"
          href={href}
          download={`${slug}-scores.csv`}
          data-testid="batch-download"
        >
          Download results
        </a>
      )}
    </section>
  );
}
