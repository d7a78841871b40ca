import type { NamedEvaluation, SampleValidationDto, Validation } from '@studio/api';

const f = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? '–' : v.toFixed(d));
const p = (v: number | null | undefined, d = 1) =>
  v === null || v === undefined ? '–' : `${(v * 100).toFixed(d)}%`;
const sampleLabel = (s: SampleValidationDto) => (s.sample === 'test' ? 'Test rows' : 'Out-of-time rows');

function Sample({ s, v }: { s: SampleValidationDto; v: Validation }) {
  const d = s.discrimination;
  const hl = s.calibration.hosmerLemeshow;
  const c = s.calibration.inTheLarge;
  return (
    <div className="validation-sample" data-testid={`validation-${s.sample}`}>
      <h3>
        {sampleLabel(s)} ({s.rows} rows, {s.bads} bads)
      </h3>
      <table className="data-table" data-testid="validation-intervals">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Estimate</th>
            <th>{Math.round(d.level * 100)}% interval</th>
          </tr>
        </thead>
        <tbody>
          {(['auc', 'ks', 'gini'] as const).map((m) => (
            <tr key={m}>
              <td>{m.toUpperCase()}</td>
              <td>{f(d[m].estimate)}</td>
              <td>
                [{f(d[m].lower)}, {f(d[m].upper)}]
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        Stratified bootstrap, {d.resamples} resamples, seed {d.seed}.
      </p>
      <h4>Calibration</h4>
      <p className="small" data-testid="validation-hl">
        Hosmer–Lemeshow χ² {f(hl.statistic, 2)} on {hl.df} df, p = {f(hl.pValue, 3)} · mean PD{' '}
        {p(c.meanPredicted, 2)} vs observed {p(c.observedRate, 2)}
      </p>
      <table className="data-table" data-testid="validation-calibration">
        <thead>
          <tr>
            <th>Band</th>
            <th>Rows</th>
            <th>Mean PD</th>
            <th>Observed</th>
          </tr>
        </thead>
        <tbody>
          {s.calibration.bands.map((b) => (
            <tr key={b.band}>
              <td>{b.band}</td>
              <td>{b.count}</td>
              <td>{p(b.meanPredicted, 2)}</td>
              <td>{p(b.observedRate, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Cut-off table (LGD {f(s.cutoffs.lgd, 2)})</h4>
      <table className="data-table" data-testid="validation-cutoffs">
        <thead>
          <tr>
            <th>PD cut-off</th>
            <th>Approval rate</th>
            <th>Bad rate</th>
            <th>Expected loss</th>
          </tr>
        </thead>
        <tbody>
          {s.cutoffs.rows.map((r) => (
            <tr key={r.cutoff}>
              <td>{f(r.cutoff)}</td>
              <td>{p(r.approvalRate)}</td>
              <td>{p(r.badRate)}</td>
              <td>{f(r.expectedLoss, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Stability against the training rows</h4>
      <p className="small" data-testid="validation-psi">
        Score PSI {f(s.scorePsi.index)} ({s.scorePsi.reading})
      </p>
      <table className="data-table" data-testid="validation-csi">
        <thead>
          <tr>
            <th>Characteristic</th>
            <th>CSI</th>
            <th>Reading</th>
          </tr>
        </thead>
        <tbody>
          {[...s.characteristics]
            .sort((a, b) => b.index - a.index)
            .map((x) => (
              <tr key={x.name}>
                <td>{x.name}</td>
                <td>{f(x.index)}</td>
                <td>{x.reading}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h4>Fairness</h4>
      {s.fairness.length === 0 && (
        <p className="small muted">
          No protected attribute is marked. Mark them on the Evaluate node (Protected attributes, Age bands
          from).
        </p>
      )}
      {s.fairness.map((fr) => (
        <div key={fr.attribute} data-testid="fairness-table" data-attribute={fr.attribute}>
          <p className="small">
            <b>{fr.attribute}</b>: approved when PD &lt; {f(fr.cutoff, 2)}; reference {fr.referenceGroup}
            {fr.flagged.length > 0 && ` · below four fifths: ${fr.flagged.join(', ')}`}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th>Group</th>
                <th>Size</th>
                <th>Approval</th>
                <th>Adverse impact</th>
                <th>TPR</th>
                <th>FPR</th>
                <th>AUC</th>
              </tr>
            </thead>
            <tbody>
              {fr.groups.map((g) => (
                <tr key={g.group} className={g.belowFourFifths ? 'flagged' : ''}>
                  <td>{g.group}</td>
                  <td>{g.size}</td>
                  <td>{p(g.approvalRate)}</td>
                  <td>
                    {f(g.adverseImpactRatio, 3)}
                    {g.belowFourFifths ? ' ⚠' : ''}
                  </td>
                  <td>{f(g.tpr, 3)}</td>
                  <td>{f(g.fpr, 3)}</td>
                  <td>{f(g.auc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {v.protectedAsInputs.length > 0 && (
        <p className="notice warn small">
          Protected attributes used as model inputs: {v.protectedAsInputs.join(', ')}.
        </p>
      )}
    </div>
  );
}

/** The validation pack of one Evaluate node: intervals, calibration, cut-offs, stability and fairness. */
export function ValidationSection({ evaluation }: { evaluation: NamedEvaluation | undefined }) {
  const v = evaluation?.validation;
  if (!v) return null;
  return (
    <section className="card validation" data-testid="validation-section">
      <h2>Validation</h2>
      {v.outOfTime && (
        <p className="small muted">
          Out-of-time on {v.outOfTime.column} from {v.outOfTime.cutoff}: {v.outOfTime.trainRows} train,{' '}
          {v.outOfTime.testRows} test, {v.outOfTime.outOfTimeRows} out-of-time rows.
        </p>
      )}
      <div className="validation-samples">
        {v.samples.map((s) => (
          <Sample key={s.sample} s={s} v={v} />
        ))}
      </div>
    </section>
  );
}
