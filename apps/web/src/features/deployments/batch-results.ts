import type { FieldProblem } from '@studio/api';

/** One scored (or refused) CSV row, as the NDJSON stream reports it. */
export interface BatchRow {
  row: number;
  probability?: number;
  score?: number;
  riskBand?: string;
  reasons?: { code: string }[];
  fields?: FieldProblem[];
}

/** A CSV scoring in progress or finished: what the progress bar and the download read. */
export interface BatchState {
  done: number;
  total: number;
  failed: number;
  finished: boolean;
  rows: BatchRow[];
}

/** The state before the first line arrives; `total` is the browser's own count of data rows until the server says. */
export function startBatch(total: number): BatchState {
  return { done: 0, total, failed: 0, finished: false, rows: [] };
}

/** Folds one NDJSON event of `/predict/csv` into the state; unknown events are ignored for forward compatibility. */
export function foldBatchEvent(state: BatchState, event: unknown): BatchState {
  if (!event || typeof event !== 'object' || !('type' in event)) return state;
  const e = event as { type: string } & Record<string, unknown>;
  if (e.type === 'progress' && typeof e.done === 'number' && typeof e.total === 'number')
    return { ...state, done: Math.max(state.done, e.done), total: e.total };
  if (e.type === 'row' && typeof e.row === 'number') {
    const row = e as unknown as BatchRow;
    // Appended in place: copying the array per row would make a large CSV quadratic.
    state.rows.push(row);
    return {
      ...state,
      done: Math.max(state.done, state.rows.length),
      failed: state.failed + (row.fields ? 1 : 0),
    };
  }
  if (e.type === 'done' && typeof e.rows === 'number')
    return { ...state, done: e.rows, total: e.rows, finished: true };
  return state;
}

/** Data rows of a CSV text: non-empty lines after the header (a quoted newline only makes the bar rougher). */
export function countCsvRows(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The results as CSV, in the input's row order: one line per row with its prediction or what was wrong. */
export function resultsCsv(rows: readonly BatchRow[]): string {
  const lines = ['row,probability,score,risk_band,reason_codes,error'];
  for (const r of [...rows].sort((a, b) => a.row - b.row)) {
    const error = r.fields?.map((f) => `${f.field}: ${f.problem}`).join('; ') ?? '';
    lines.push(
      [
        String(r.row + 1),
        r.probability?.toString() ?? '',
        r.score?.toString() ?? '',
        r.riskBand ?? '',
        (r.reasons ?? []).map((x) => x.code).join(' '),
        error,
      ]
        .map(quote)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
