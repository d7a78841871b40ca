import type { ColumnProfile } from '@studio/data';

/** One bar of a column's distribution chart, with the bad rate of its rows for the overlay line. */
export interface ProfileBar {
  label: string;
  /** The bin's lower edge, short enough for the axis. */
  tick?: string;
  count: number;
  badRate: number | null;
}

/** Bars for a column: histogram bins of a numeric column, or top categories plus "other" of a categorical one. */
export function profileBars(column: ColumnProfile): ProfileBar[] {
  if (column.type === 'categorical') {
    const bars = column.top.map((c) => ({ label: c.value, count: c.count, badRate: c.badRate ?? null }));
    if (column.otherCount > 0) bars.push({ label: 'other', count: column.otherCount, badRate: null });
    return bars;
  }
  return column.histogram.map((b) => ({
    label: `${formatEdge(b.lower, column.type)} – ${formatEdge(b.upper, column.type)}`,
    tick: formatEdge(b.lower, column.type),
    count: b.count,
    badRate: b.badRate ?? null,
  }));
}

/** Whether any bar carries a bad rate (a target was chosen), so the overlay line is worth drawing. */
export function hasBadRates(bars: readonly ProfileBar[]): boolean {
  return bars.some((b) => b.badRate !== null);
}

/** A bin edge for a label: dates as days, large numbers compact, small ones with 3 significant digits. */
export function formatEdge(value: number, type: 'numeric' | 'boolean' | 'date'): string {
  if (type === 'date') return new Date(value).toISOString().slice(0, 10);
  if (Math.abs(value) >= 10_000) {
    return value.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  }
  return Number(value.toPrecision(3)).toLocaleString('en-US');
}
