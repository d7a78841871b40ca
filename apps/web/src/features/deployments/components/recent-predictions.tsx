import { useDeploymentPredictions } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';

const num = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** The newest logged predictions of the slug: when, which version, the answer and how long it took. */
export function RecentPredictions({ deploymentId }: { deploymentId: string }) {
  const log = useDeploymentPredictions(deploymentId);
  return (
    <section className="card" data-testid="recent-predictions">
      <h2>Recent predictions</h2>
      {log.error && <p className="error-text">{errorMessage(log.error)}</p>}
      {log.data?.length === 0 && <p className="muted small">No predictions logged yet.</p>}
      {log.data && log.data.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">At</th>
              <th scope="col">Version</th>
              <th scope="col" className="num">
                PD
              </th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Band</th>
              <th scope="col">Reasons</th>
              <th scope="col" className="num">
                Latency
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((p) => {
              const reasons = Array.isArray(p.output.reasons)
                ? (p.output.reasons as { code?: unknown }[])
                : [];
              return (
                <tr key={p.id} data-testid="prediction-row">
                  <td>{formatTime(p.at)}</td>
                  <td>v{p.version}</td>
                  <td className="num">{num(p.output.probability, 4)}</td>
                  <td className="num">{num(p.output.score, 0)}</td>
                  <td>{typeof p.output.riskBand === 'string' ? p.output.riskBand : '—'}</td>
                  <td>
                    <code>{reasons.map((r) => String(r.code)).join(' ')}</code>
                  </td>
                  <td className="num">{p.latencyMs.toFixed(1)} ms</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
