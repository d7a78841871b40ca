import type { QuantizationReport } from '@studio/api';
import { summarizeQuantization } from '../quantization-summary';

/** A Quantize node's report: fp32 vs INT8 weight size as bars, AUC/KS and latency change, and the deploy guard. */
export function QuantizationCard({ report }: { report: QuantizationReport }) {
  const s = summarizeQuantization(report);
  return (
    <section className="card quantization" data-testid="quantization-card">
      <h2>
        INT8 quantization{' '}
        <span className={`badge ${report.passed ? 'ok' : ''}`} data-testid="quantization-verdict-badge">
          {report.passed ? 'passed' : 'failed'}
        </span>
      </h2>
      <div className="size-bars" aria-label="Weight size">
        <div className="size-bar-row">
          <span className="size-bar-label">fp32</span>
          <span className="size-bar" style={{ width: '100%' }} />
          <span className="small">{s.fp32Size}</span>
        </div>
        <div className="size-bar-row">
          <span className="size-bar-label">INT8</span>
          <span className="size-bar int8" style={{ width: `${(s.int8Share * 100).toFixed(1)}%` }} />
          <span className="small" data-testid="quantization-int8-size">
            {s.int8Size}
          </span>
        </div>
      </div>
      <ul className="small quantization-lines">
        <li data-testid="quantization-size">{s.sizeLine}</li>
        <li data-testid="quantization-auc">{s.aucLine}</li>
        <li>{s.ksLine}</li>
        <li data-testid="quantization-latency">{s.latencyLine}</li>
      </ul>
      <p className={`notice ${report.passed ? 'info' : 'warn'} small`} data-testid="quantization-verdict">
        {s.verdict}
      </p>
    </section>
  );
}
