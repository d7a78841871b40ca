import type { ColumnProfile as Column } from '@studio/data';
import { BarChart } from '../../../charts/bar-chart';
import { hasBadRates, profileBars } from '../profile-bars';
import { pct } from '../../../lib/format-metric';

const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : Number(v.toPrecision(4)).toLocaleString('en-US');

/** One column of the dataset profile: its statistics and its distribution, with the bad rate per bin overlaid. */
export function ColumnProfile({ column, warned }: { column: Column; warned: boolean }) {
  const bars = profileBars(column);
  const stats: [string, string][] = [
    ['Missing', `${pct(column.missingRate)} (${column.missingCount.toLocaleString()})`],
    [
      'Distinct',
      `${'distinctCapped' in column && column.distinctCapped ? '≥ ' : ''}${column.distinctCount.toLocaleString()}`,
    ],
  ];
  if (column.type !== 'categorical') {
    stats.push(
      ['Min', num(column.min)],
      ['Max', num(column.max)],
      ['Mean', num(column.mean)],
      ['Std', num(column.std)],
    );
    if (column.quantiles) {
      const q = column.quantiles;
      stats.push(
        ['P5 · P25', `${num(q.p5)} · ${num(q.p25)}`],
        ['Median', num(q.p50)],
        ['P75 · P95', `${num(q.p75)} · ${num(q.p95)}`],
      );
    }
  }
  if (column.missingBadRate !== undefined && column.missingBadRate !== null) {
    stats.push(['Bad rate if missing', pct(column.missingBadRate)]);
  }
  return (
    <section
      className={`card column-card ${warned ? 'warned' : ''}`}
      data-testid="column-profile"
      data-column={column.name}
    >
      <header className="column-head">
        <strong>{column.name}</strong>
        <span className={`type-pill type-${column.type}`}>{column.type}</span>
      </header>
      <dl className="stats small">
        {stats.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {bars.length > 0 ? (
        <BarChart
          title={`Distribution of ${column.name}`}
          bars={bars.map((b) => ({ label: b.label, tick: b.tick, value: b.count, line: b.badRate }))}
          xLabel={column.type === 'categorical' ? 'Category' : `${column.name} (bin start)`}
          valueLabel="Rows"
          lineLabel={hasBadRates(bars) ? 'Bad rate' : undefined}
          width={420}
          height={200}
        />
      ) : (
        <p className="muted small">No values to chart.</p>
      )}
    </section>
  );
}
