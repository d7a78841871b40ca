import type { Run } from '@studio/api';
import { useRunsById } from '../runs/api';
import { compareMetrics, deltaTone } from './compare-metrics';
import { fixed3, signed3 } from '../../lib/format-metric';
import { scoreRange } from './score-range';
import { errorMessage } from '../../lib/error-message';
import { ProjectNav } from '../../app/project-nav';
import { RocChart } from './components/roc-chart';
import { RunStatusBadge } from '../runs/components/run-status-badge';
import './evaluation.css';

/** Runs side by side: overlaid ROC curves and a metrics table with each run's change from the first. */
export function ComparePage({ projectId, runIds }: { projectId: string; runIds: string[] }) {
  const results = useRunsById(runIds);
  const error = results.find((r) => r.error)?.error;
  const runs = results.flatMap((r) => (r.data ? [r.data] : []));
  const loading = results.some((r) => r.isPending);
  return (
    <div className="page" data-testid="compare-page">
      <ProjectNav projectId={projectId} current="runs" />
      <main className="scroll-page">
        <h1>Compare {runIds.length} runs</h1>
        {loading && <p className="muted">Loading runs…</p>}
        {error && <p className="error-text">{errorMessage(error)}</p>}
        {!loading && !error && <Comparison runs={runs} />}
      </main>
    </div>
  );
}

const runName = (r: Run, i: number) => `#${i + 1} · v${r.versionNumber}`;

function Comparison({ runs }: { runs: Run[] }) {
  const rows = compareMetrics(runs);
  const curves = runs.flatMap((r, i) =>
    r.evaluation ? [{ name: runName(r, i), evaluation: r.evaluation }] : [],
  );
  const pdo = runs.map((r) => r.scorecard?.pdo ?? null);
  const ranges = runs.map((r) => (r.scorecard ? scoreRange(r.scorecard) : null));
  return (
    <div className="compare-grid">
      <section className="card">
        <h2>Metrics</h2>
        <table className="data-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {runs.map((r, i) => (
                <th key={r.id} scope="col" className="num">
                  {runName(r, i)} <RunStatusBadge status={r.status} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.key} data-testid={`compare-${m.key}`}>
                <th scope="row">{m.label}</th>
                {m.values.map((v, i) => {
                  const d = m.deltas[i] ?? null;
                  return (
                    <td key={i} className="num">
                      {fixed3(v)}{' '}
                      {d !== null && (
                        <span className={`delta ${deltaTone(d, m.higherIsBetter)}`} data-testid="delta">
                          {signed3(d)}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            {pdo.some((p) => p !== null) && (
              <tr>
                <th scope="row">Scorecard PDO</th>
                {pdo.map((p, i) => (
                  <td key={i} className="num">
                    {p ?? '—'}
                  </td>
                ))}
              </tr>
            )}
            {ranges.some((r) => r !== null) && (
              <tr data-testid="compare-score-range">
                <th scope="row">Score range</th>
                {ranges.map((r, i) => (
                  <td key={i} className="num">
                    {r ? `${r.min} – ${r.max}` : '—'}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
        <p className="small muted">Changes are against run #1; green is better, red is worse.</p>
      </section>
      <section className="card">
        <h2>ROC curves</h2>
        <RocChart curves={curves} />
      </section>
    </div>
  );
}
