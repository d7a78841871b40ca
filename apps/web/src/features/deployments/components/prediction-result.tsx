import type { Prediction } from '@studio/api';

/** One answer of the endpoint: probability of default, score, risk band and the reasons that cost points. */
export function PredictionResult({ prediction }: { prediction: Prediction }) {
  return (
    <div className="prediction" data-testid="prediction-result">
      <div className="kpis">
        <div className="kpi">
          <div className="kpi-label">Probability of default</div>
          <div className="kpi-value" data-testid="prediction-probability">
            {(prediction.probability * 100).toFixed(2)}%
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Score</div>
          <div className="kpi-value" data-testid="prediction-score">
            {Math.round(prediction.score)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Risk band</div>
          <div className="kpi-value" data-testid="prediction-band">
            {prediction.riskBand}
          </div>
        </div>
      </div>
      {prediction.reasons.length > 0 ? (
        <table className="data-table compact" data-testid="prediction-reasons">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Characteristic</th>
              <th scope="col">Value</th>
              <th scope="col" className="num">
                Points lost
              </th>
            </tr>
          </thead>
          <tbody>
            {prediction.reasons.map((r) => (
              <tr key={r.code} data-testid="reason-row">
                <td>
                  <code>{r.code}</code>
                </td>
                <td>{r.characteristic}</td>
                <td>{r.value}</td>
                <td className="num">{r.points.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="small muted">No reason codes: nothing in this application cost it points.</p>
      )}
      {prediction.warnings?.map((w) => (
        <p key={`${w.field}-${w.code}`} className="notice warn small" data-testid="prediction-warning">
          {w.message}
        </p>
      ))}
      <p className="small muted">
        Answered by {prediction.model.name} v{prediction.model.version} · request {prediction.requestId}
      </p>
    </div>
  );
}
