import type { TuningReport } from '@studio/api';
import { formatParam, leaderboardRows, metricName, paramColumns } from '../tuning-rows';

/** Rows shown per leaderboard; the rest are counted, not drawn (a seconds budget can run thousands). */
const SHOWN = 100;

/** The leaderboard of each Tune node, live while it searches, with the configuration handed to the model. */
export function TuningLeaderboards({
  boards,
  labels,
}: {
  boards: readonly TuningReport[];
  labels: Record<string, string>;
}) {
  if (boards.length === 0) return null;
  return (
    <>
      {boards.map((b) => (
        <TuningLeaderboard key={b.nodeId} report={b} label={labels[b.modelNodeId] ?? b.modelNodeId} />
      ))}
    </>
  );
}

function TuningLeaderboard({ report, label }: { report: TuningReport; label: string }) {
  const rows = leaderboardRows(report);
  const columns = paramColumns(report);
  const metric = metricName(report.metric);
  const best = report.best;
  return (
    <section className="card" data-testid="tuning-leaderboard" data-node-id={report.nodeId}>
      <h2>Tuning {label}</h2>
      <p className="small muted" data-testid="tuning-facts">
        {report.status === 'searching' ? 'Searching…' : 'Done'} · {metric} on {report.evaluation} ·{' '}
        {report.budget}
      </p>
      {report.stopped && <p className="small muted">Stopped: {report.stopped}.</p>}
      {best && (
        <p className="small" data-testid="tuning-best" role="status">
          {report.status === 'done' ? 'Chosen configuration' : 'Best so far'}:{' '}
          {best.trial === 0 ? "the model's own setting" : `trial ${best.trial}`} ({metric}{' '}
          {best.score.toFixed(4)}) ·{' '}
          {Object.entries(best.params)
            .map(([k, v]) => `${k} ${formatParam(v)}`)
            .join(', ')}
          {report.baseline && ` · the model's own setting scored ${report.baseline.score.toFixed(4)}`}
        </p>
      )}
      <div className="table-scroll tuning-table">
        <table className="data-table">
          <thead>
            <tr>
              <th>Trial</th>
              <th>Rung</th>
              <th>Resource</th>
              <th>{metric}</th>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>Seconds</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((t) => (
              <tr
                key={`${t.trial}-${t.rung}`}
                className={best && best.trial === t.trial && t.rung === rows[0]!.rung ? 'chosen' : undefined}
                data-testid="tuning-row"
              >
                <td>{t.trial}</td>
                <td>{t.rung}</td>
                <td>{t.units}</td>
                <td>{Number.isFinite(t.score) ? t.score.toFixed(4) : '–'}</td>
                {columns.map((c) => (
                  <td key={c}>{formatParam(t.params[c])}</td>
                ))}
                <td>{t.seconds.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN && (
        <p className="small muted">
          {rows.length - SHOWN} more trials not shown (the best {SHOWN} are).
        </p>
      )}
    </section>
  );
}
