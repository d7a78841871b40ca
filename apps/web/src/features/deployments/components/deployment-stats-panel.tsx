import { useEffect, useState } from 'react';
import { BarChart } from '../../../charts/bar-chart';
import { LineChart } from '../../../charts/line-chart';
import { seriesColor } from '../../../charts/colors';
import { addSample, psiLevel, trafficSeries, type StatsSample } from '../stats-history';
import { useDeploymentStats } from '../api';
import { errorMessage } from '../../../lib/error-message';

/** Short tick labels (1.2k rather than 1,200), so the axis title keeps its room. */
const compact = (y: number) => (Math.abs(y) >= 1000 ? `${(y / 1000).toFixed(1)}k` : y.toFixed(0));

/**
 * Live traffic and latency of the slug, drawn from the polls this page has made (the server keeps totals,
 * not a time series), and the population stability of each numeric input against the training data.
 */
export function DeploymentStatsPanel({ deploymentId }: { deploymentId: string }) {
  const stats = useDeploymentStats(deploymentId);
  const [history, setHistory] = useState<StatsSample[]>([]);
  const { data, dataUpdatedAt } = stats;
  useEffect(() => {
    if (data) setHistory((h) => addSample(h, data, dataUpdatedAt));
  }, [data, dataUpdatedAt]);
  if (stats.error) return <p className="error-text">{errorMessage(stats.error)}</p>;
  if (!data) return <p className="muted">Loading statistics…</p>;
  const t0 = history[0]?.at ?? 0;
  const psi = [...data.psi].sort((a, b) => b.psi - a.psi);
  return (
    <div data-testid="deployment-stats">
      <div className="kpis">
        <div className="kpi">
          <div className="kpi-label">Requests</div>
          <div className="kpi-value" data-testid="stats-requests">
            {data.requests}
          </div>
        </div>
        {(['p50', 'p95', 'p99'] as const).map((p) => (
          <div className="kpi" key={p}>
            <div className="kpi-label">Latency {p}</div>
            <div className="kpi-value" data-testid={`stats-${p}`}>
              {data.latencyMs ? `${data.latencyMs[p].toFixed(1)} ms` : '—'}
            </div>
          </div>
        ))}
        <div className="kpi">
          <div className="kpi-label">By version</div>
          <div className="kpi-value small" data-testid="stats-by-version">
            {data.byVersion.length
              ? data.byVersion.map((v) => `v${v.version}: ${v.requests}`).join(' · ')
              : '—'}
          </div>
        </div>
      </div>
      <div className="chart-grid">
        <section className="card">
          <h2>Traffic</h2>
          <LineChart
            title="Requests per minute while this page is open"
            testId="traffic-chart"
            series={[{ name: 'Requests per minute', color: seriesColor(0), points: trafficSeries(history) }]}
            xLabel="Seconds on this page"
            yLabel="Requests / min"
            formatX={(x) => x.toFixed(0)}
            formatY={compact}
            dots
            width={460}
            height={200}
          />
        </section>
        <section className="card">
          <h2>Latency</h2>
          <LineChart
            title="Latency percentiles of logged predictions at each poll"
            testId="latency-chart"
            series={[
              {
                name: 'p50',
                color: seriesColor(1),
                points: history.map((s) => ({ x: (s.at - t0) / 1000, y: s.p50 })),
              },
              {
                name: 'p95',
                color: seriesColor(2),
                points: history.map((s) => ({ x: (s.at - t0) / 1000, y: s.p95 })),
              },
            ]}
            xLabel="Seconds on this page"
            yLabel="ms"
            formatX={(x) => x.toFixed(0)}
            formatY={(y) => y.toFixed(1)}
            dots
            width={460}
            height={200}
          />
        </section>
      </div>
      <section className="card" data-testid="psi-card">
        <h2>Input stability (PSI against training)</h2>
        {psi.length === 0 ? (
          <p className="muted small" data-testid="psi-waiting">
            PSI appears once a numeric input has {data.psiMinSample.toLocaleString('en-US')} scored values (
            {data.psiSample.toLocaleString('en-US')} logged so far): on fewer, noise reads as drift.
          </p>
        ) : (
          <>
            <BarChart
              title="Population stability index of each numeric input"
              testId="psi-chart"
              bars={psi.map((p) => ({ label: p.field, value: p.psi }))}
              xLabel="Input"
              valueLabel="PSI"
              formatValue={(v) => v.toFixed(3)}
              width={940}
              height={220}
            />
            <p className="small muted" data-testid="psi-summary">
              On the last {Math.max(...psi.map((p) => p.sample)).toLocaleString('en-US')} scored values (PSI
              needs at least {data.psiMinSample.toLocaleString('en-US')}). Under 0.1 stable, 0.1 to 0.25 some
              shift, above 0.25 a real shift.{' '}
              {psi.filter((p) => psiLevel(p.psi) === 'major').length > 0
                ? `Shifted: ${psi
                    .filter((p) => psiLevel(p.psi) === 'major')
                    .map((p) => p.field)
                    .join(', ')}.`
                : 'No input has shifted much.'}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
