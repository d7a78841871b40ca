import { useState } from 'react';
import type { WoeVariable } from '@studio/api';
import { BarChart } from '../../../charts/bar-chart';
import { pct } from '../../../lib/format-metric';

/** How strong an IV is, by the usual credit-scoring rule of thumb. */
function ivStrength(iv: number): string {
  if (iv < 0.02) return 'not predictive';
  if (iv < 0.1) return 'weak';
  if (iv < 0.3) return 'medium';
  if (iv < 0.5) return 'strong';
  return 'suspicious (check for leakage)';
}

/** Variables ranked by information value; picking one shows its bins' WOE and bad rate. */
export function WoePanel({ variables }: { variables: readonly WoeVariable[] }) {
  const ranked = [...variables].sort((a, b) => b.iv - a.iv);
  const [picked, setPicked] = useState(ranked[0]?.name ?? '');
  const variable = ranked.find((v) => v.name === picked) ?? ranked[0];
  if (!variable) return <p className="muted">No WOE binning in this graph.</p>;
  return (
    <div className="woe-panel">
      <div className="table-scroll woe-list">
        <table className="data-table" data-testid="woe-table">
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col" className="num">
                IV
              </th>
              <th scope="col">Strength</th>
              <th scope="col">In model</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((v) => (
              <tr
                key={v.name}
                className={v.name === variable.name ? 'picked' : ''}
                onClick={() => setPicked(v.name)}
                data-testid="woe-row"
              >
                <td>
                  <button
                    className="link"
                    onClick={() => setPicked(v.name)}
                    aria-pressed={v.name === variable.name}
                  >
                    {v.name}
                  </button>
                </td>
                <td className="num">{v.iv.toFixed(3)}</td>
                <td className="small">{ivStrength(v.iv)}</td>
                <td>{v.selected ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="woe-detail">
        <BarChart
          title={`Weight of evidence by bin for ${variable.name}`}
          testId="woe-bin-chart"
          // An empty bin (no missing values, say) has no bad rate to draw.
          bars={variable.bins.map((b) => ({
            label: b.label,
            value: b.woe,
            line: b.count ? b.badRate : null,
          }))}
          xLabel={`${variable.name} bins`}
          valueLabel="WOE"
          lineLabel="Bad rate"
          formatValue={(v) => v.toFixed(2)}
        />
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Bin</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                Bad rate
              </th>
              <th scope="col" className="num">
                WOE
              </th>
            </tr>
          </thead>
          <tbody>
            {variable.bins.map((b) => (
              <tr key={b.label}>
                <td>{b.label}</td>
                <td className="num">{b.count.toLocaleString()}</td>
                <td className="num">{pct(b.badRate)}</td>
                <td className="num">{b.woe.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
