import type { Preview } from '@studio/api';

/** A node's sample output as a compact table; numbers right-aligned with at most 4 decimals, nulls greyed. */
export function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="preview-table">
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} className={typeof v === 'number' ? 'num' : v === null ? 'null' : ''}>
                  {v === null ? '—' : typeof v === 'number' ? Number(v.toFixed(4)).toString() : v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
